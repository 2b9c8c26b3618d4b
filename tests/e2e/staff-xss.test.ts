/**
 * Stored XSS in what clients write and staff read, in a real browser: the corpus (tests/support/xss-corpus.ts) goes
 * into applicants' names, questionnaire answers (through the real autosave), secure messages and task titles, and
 * the assigned attorney opens the pages that show them in Chromium. No dialog, no script (`window.__xss`), no CSP
 * violation may happen on any of them.
 */
import { prisma } from "~/db.server";
import { getTemplate } from "~/questionnaires/templates";
import { XSS_CORPUS } from "../support/xss-corpus";
import { hasChromium, logInThroughForm, trapInjectedScripts, unexpectedErrors, useBrowser } from "../support/browser";
import { createCase, createCaseWorld, createUser } from "../support/factories";
import { baseUrl, logIn } from "../support/http";

// PostgreSQL text cannot hold NUL (the app's forms drop it), and some rows here are written directly.
const payloads = XSS_CORPUS.map((x) => x.payload.replaceAll("\u0000", ""));

describe.skipIf(!hasChromium)("stored XSS in client data shown to staff", () => {
  const { newPerson } = useBrowser();

  it("shows names, answers, messages and tasks from the corpus as inert text", { timeout: 300_000 }, async () => {
    const world = await createCaseWorld();
    const attorney = world.assigned;

    // Applicants whose names are payloads, each with a case assigned to the attorney: the case list shows them all.
    const names = payloads.slice(0, 40);
    for (const name of names) {
      const applicant = await createUser({ role: "APPLICANT" });
      await prisma.user.update({ where: { id: applicant.id }, data: { name: name.slice(0, 200) } });
      await createCase({ applicantId: applicant.id, assignees: [{ id: attorney.id, role: "ATTORNEY" }], title: `XSS names ${names.indexOf(name)}` });
    }
    await prisma.user.update({ where: { id: world.applicant.id }, data: { name: payloads[0]! } });

    // Answers through the real autosave: each text question of the I-765 gets the next payload.
    const template = getTemplate("i-765")!;
    const questionnaire = await prisma.questionnaire.create({ data: { caseId: world.theCase.id, templateId: template.id, templateVersion: template.version } });
    const applicantCookie = await logIn(world.applicant.email);
    let next = 0;
    let saved = 0;
    for (const section of template.sections) {
      const answers: Record<string, string> = {};
      for (const question of section.questions) {
        if ((question.type === "text" || question.type === "textarea") && !question.showIf) answers[question.key] = payloads[next++ % payloads.length]!.slice(0, question.maxLength ?? 200);
      }
      if (Object.keys(answers).length === 0) continue;
      const res = await fetch(`${baseUrl()}/questionnaires/${questionnaire.id}/autosave`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: applicantCookie },
        body: JSON.stringify({ section: section.key, answers }),
      });
      if (res.status === 200) saved += ((await res.json()) as { saved: string[] }).saved.length;
    }
    expect(saved).toBeGreaterThan(10);

    // Every payload as a client message, and some as task titles.
    const thread = await prisma.messageThread.create({ data: { caseId: world.theCase.id, subject: payloads[1]!.slice(0, 120), startedById: world.applicant.id } });
    await prisma.message.createMany({ data: payloads.map((body) => ({ threadId: thread.id, authorId: world.applicant.id, fromClient: true, body })) });
    await prisma.caseTask.createMany({
      data: payloads.slice(0, 20).map((title) => ({ caseId: world.theCase.id, kind: "TASK" as const, title: title.slice(0, 200), dueDay: new Date(Date.now() + 86_400_000), timeZone: "America/New_York", assigneeId: attorney.id })),
    });

    const staff = await newPerson();
    const { page } = staff;
    const { dialogs } = await trapInjectedScripts(page);
    await logInThroughForm(page, attorney.email);

    const pages = [
      "/cases",
      `/cases/${world.theCase.id}`,
      `/questionnaires/${questionnaire.id}`,
      `/questionnaires/${questionnaire.id}/review`,
      `/questionnaires/${questionnaire.id}/history`,
      `/cases/${world.theCase.id}/messages`,
      `/cases/${world.theCase.id}/messages/${thread.id}`,
      "/messages",
      `/cases/${world.theCase.id}/tasks`,
      "/deadlines",
    ];
    for (const path of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await page.waitForLoadState("networkidle");
      const hoverable = page.locator("main a, main td, main li, main p");
      const count = Math.min(await hoverable.count(), 150);
      for (let i = 0; i < count; i++) await hoverable.nth(i).hover({ timeout: 500, force: true }).catch(() => undefined);
      const state = await page.evaluate(() => {
        const w = window as unknown as { __xss?: number; __cspViolations: string[] };
        const injected = Array.from(document.querySelectorAll("main *")).flatMap((el) => {
          const found: string[] = [];
          if (["script", "iframe", "object", "embed", "svg", "img", "math", "style"].includes(el.tagName.toLowerCase()) && el.closest("[data-xss-allowed]") === null) found.push(el.tagName.toLowerCase());
          for (const attr of Array.from(el.attributes)) if (attr.name.startsWith("on")) found.push(`${el.tagName.toLowerCase()}[${attr.name}]`);
          return found;
        });
        return { xss: w.__xss ?? 0, csp: w.__cspViolations, injected };
      });
      expect({ path, ...state }).toEqual({ path, xss: 0, csp: [], injected: state.injected.filter((tag) => tag === "svg" || tag === "img") });
      expect(state.injected.filter((tag) => tag.includes("[on"))).toEqual([]);
    }
    // The payloads really are on the pages, as text.
    await page.goto(`/cases/${world.theCase.id}/messages/${thread.id}`);
    expect(await page.locator("main").innerText()).toContain("<script>");
    expect(dialogs).toEqual([]);
    expect(unexpectedErrors(staff)).toEqual([]);
  });
});
