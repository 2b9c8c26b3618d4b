import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.APP_URL = inject("baseUrl");
// Servers a test starts itself serve this run's build (see global-setup.ts).
process.env.PASSAGE_BUILD_DIR = inject("buildDir");
process.env.PASSAGE_LOG_DIR = inject("logDir");
// Documents stored by tests in-process and by the servers land in the same temporary folder (see global-setup.ts).
process.env.STORAGE_DIR = inject("storageDir");
delete process.env.RESEND_API_KEY;
