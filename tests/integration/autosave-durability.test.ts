/**
 * An answer the UI shows as saved must survive a crash: kill -9 a running server while saves are in flight,
 * start a new one, and every acknowledged answer is in the database.
 */
import { inject } from "vitest";
import { startChildServer, type ChildServer } from "../../server/child-server";
import { prisma } from "~/db.server";
import { getTemplate } from "~/questionnaires/templates";
import { createCaseWorld, TEST_PASSWORD } from "../support/factories";
import { freePort } from "../support/free-port";
import { sessionCookieFrom } from "../support/http";

function startServer(port: number) {
  return startChildServer({ port, env: { NODE_ENV: "test", DATABASE_URL: inject("databaseUrl") } });
}

describe("autosave durability", () => {
  let server: ChildServer | undefined;
  afterAll(() => {
    server?.stop("SIGKILL");
  });

  it("keeps every acknowledged answer when the server is killed mid-save", async () => {
    const world = await createCaseWorld();
    const template = getTemplate("i-765")!;
    const section = template.sections.find((s) => s.questions.filter((q) => q.type === "text" && !q.showIf).length >= 2)!;
    const keys = section.questions.filter((q) => q.type === "text" && !q.showIf).slice(0, 2).map((q) => q.key);
    const questionnaire = await prisma.questionnaire.create({ data: { caseId: world.theCase.id, templateId: template.id, templateVersion: template.version } });

    const port = await freePort();
    server = await startServer(port);
    const base = `http://localhost:${port}`;
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: world.applicant.email, password: TEST_PASSWORD }),
    });
    const cookie = sessionCookieFrom(login)!;
    expect(cookie).toBeTruthy();

    // Two editors save ever-newer values until the server dies; each remembers the last value acknowledged.
    const acknowledged = new Map<string, number>();
    const editor = async (key: string) => {
      for (let i = 1; i < 10_000; i++) {
        try {
          const res = await fetch(`${base}/questionnaires/${questionnaire.id}/autosave`, {
            method: "POST",
            headers: { "Content-Type": "application/json", Cookie: cookie },
            body: JSON.stringify({ section: section.key, answers: { [key]: `value ${i}` } }),
          });
          if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
          acknowledged.set(key, i);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith("unexpected")) throw error;
          return;
        }
      }
    };
    const editors = keys.map(editor);
    await new Promise((r) => setTimeout(r, 1500));
    server.stop("SIGKILL");
    await Promise.all(editors);
    for (const key of keys) expect(acknowledged.get(key) ?? 0, key).toBeGreaterThan(5);

    server = await startServer(port);
    for (const key of keys) {
      const row = await prisma.answer.findUniqueOrThrow({ where: { questionnaireId_key: { questionnaireId: questionnaire.id, key } } });
      const stored = Number(String(row.value).replace("value ", ""));
      // The stored value is the last acknowledged one, or one sent after it whose reply the crash swallowed.
      expect(stored).toBeGreaterThanOrEqual(acknowledged.get(key)!);
      expect(stored).toBeLessThanOrEqual(acknowledged.get(key)! + 1);
    }
    const res = await fetch(`${base}/questionnaires/${questionnaire.id}/${section.key}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    // The page shows what the database holds (the acknowledged value, or the one after it whose reply was lost).
    const stored = await prisma.answer.findUniqueOrThrow({ where: { questionnaireId_key: { questionnaireId: questionnaire.id, key: keys[0]! } } });
    expect(await res.text()).toContain(`value="${String(stored.value)}"`);
  }, 120_000);
});
