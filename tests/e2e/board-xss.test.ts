/**
 * Stored XSS on the message boards, in a real browser: every payload of the corpus (tests/support/xss-corpus.ts) is
 * posted through the real reply form, then the thread pages are rendered in Chromium, with a dialog listener, a
 * trap for any script that runs (`window.__xss`) and CSP violation reports. Nothing may run, and nothing may even
 * try (a CSP violation would mean an injected handler or script got into the page and only the CSP stopped it).
 */
import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import { rateLimitBucket } from "~/utils/rate-limit.server";
import { XSS_CORPUS } from "../support/xss-corpus";
import { hasChromium, logInThroughForm, trapInjectedScripts, unexpectedErrors, useBrowser } from "../support/browser";
import { createUser } from "../support/factories";
import { logIn, postForm } from "../support/http";

describe.skipIf(!hasChromium)("stored XSS on the boards", () => {
  const { newPerson } = useBrowser();

  it("renders every corpus payload as inert text or safe markup", { timeout: 240_000 }, async () => {
    // An attorney posts without first-post review, and the payloads go through the real form and action.
    const author = await createUser({ role: "ATTORNEY" });
    const cookie = await logIn(author.email);
    const general = await prisma.boardCategory.findUniqueOrThrow({ where: { slug: "general" } });
    const thread = await prisma.boardThread.create({
      data: { categoryId: general.id, authorId: author.id, title: `XSS corpus ${randomUUID().slice(0, 6)}`, slug: "xss-corpus", posts: { create: { authorId: author.id, number: 1, body: "Corpus follows." } } },
    });
    for (const { payload } of XSS_CORPUS) {
      // Rate limits would stop a person posting 100 replies in minutes; they are not what this test is about.
      await prisma.rateLimitHit.deleteMany({ where: { bucket: rateLimitBucket("boardReply", author.id) } });
      const res = await postForm(`/boards/t/${thread.id}/xss-corpus`, { intent: "reply", body: payload, pii: "keep" }, cookie);
      if (![302, 200].includes(res.status)) throw new Error(`posting "${XSS_CORPUS.find((x) => x.payload === payload)?.name}" answered ${res.status}`);
    }
    expect(await prisma.boardPost.count({ where: { threadId: thread.id } })).toBe(XSS_CORPUS.length + 1);

    const reader = await newPerson();
    const { page } = reader;
    const { dialogs } = await trapInjectedScripts(page);
    // A signed-in reader too: the page then has the reply form and more script.
    await logInThroughForm(page, (await createUser({ role: "APPLICANT" })).email);

    const pages = Math.ceil((XSS_CORPUS.length + 1) / 20);
    for (let p = 1; p <= pages; p++) {
      await page.goto(`/boards/t/${thread.id}/xss-corpus${p > 1 ? `?page=${p}` : ""}`);
      await page.waitForLoadState("networkidle");
      // Hover and click every link and element in the post bodies, so handlers like onmouseover would fire.
      const bodies = page.locator(".post-body *");
      const count = await bodies.count();
      for (let i = 0; i < count; i++) {
        const el = bodies.nth(i);
        await el.hover({ timeout: 1000, force: true }).catch(() => undefined);
      }
      const state = await page.evaluate(() => {
        const w = window as unknown as { __xss?: number; __cspViolations: string[] };
        const suspicious: string[] = [];
        for (const el of Array.from(document.querySelectorAll(".post-body *"))) {
          const tag = el.tagName.toLowerCase();
          if (!["p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "hr", "del", "s"].includes(tag)) suspicious.push(`<${tag}>`);
          for (const attr of Array.from(el.attributes)) {
            if (attr.name.startsWith("on") || attr.name === "style" || attr.name === "srcdoc") suspicious.push(`${tag}[${attr.name}]`);
            if (attr.name === "href" && !/^(https?:|mailto:|#)/i.test(attr.value.trim())) suspicious.push(`a[href=${attr.value}]`);
          }
        }
        return { xss: w.__xss ?? 0, csp: w.__cspViolations, suspicious, posts: document.querySelectorAll(".post").length };
      });
      if (state.posts === 0) throw new Error(`no posts on page ${p}: ${reader.errors.join(" / ").slice(0, 1500)} ${(await page.content()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 600)}`);
      expect(state.suspicious).toEqual([]);
      expect(state.csp).toEqual([]);
      expect(state.xss).toBe(0);
    }
    expect(dialogs).toEqual([]);
    expect(unexpectedErrors(reader)).toEqual([]);
  });
});
