import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg-7";

// Placeholders (an existing file the CLI never executes) stop the CLI downloading native engines.
// The JS schema engine runs migrations through a driver adapter, so the CLI never downloads a native engine.
// adapter-pg 7.x is used here because 6.19 cannot read PostgreSQL's `name` catalog type (prisma#27403).
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= path.resolve("prisma", "engine-placeholder");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma", "engine-placeholder");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    return new PrismaPg({ connectionString });
  },
});
