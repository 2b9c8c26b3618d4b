/**
 * Real Chromium (Debian's /usr/bin/chromium via playwright-core) against the real Passage server that
 * tests/support/global-setup.ts boots. `useBrowser()` inside a describe block launches one browser for it; each
 * person gets a fresh context, and every page is watched for console errors and uncaught exceptions (CSP
 * violations, hydration errors).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "playwright-core";
import { TEST_PASSWORD } from "./factories";
import { baseUrl, freshTotpCode } from "./http";

const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.log(`[e2e] Skipping browser tests: ${CHROMIUM} does not exist (install Debian's chromium package to run them).`);
}

export const RESULTS_DIR = path.resolve(import.meta.dirname, "../../test-results");

export type Person = { context: BrowserContext; page: Page; errors: string[] };

export function useBrowser() {
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    await Promise.all(people.splice(0).map((p) => p.context.close()));
  });

  /** A fresh browser context (own cookies) for one person, with every page's console errors collected. */
  async function newPerson(options: BrowserContextOptions = {}): Promise<Person> {
    const context = await browser.newContext({ baseURL: baseUrl(), ...options });
    context.setDefaultTimeout(10_000);
    const errors: string[] = [];
    context.on("page", (page) => {
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        const source = msg.location().url;
        errors.push(`console error on ${page.url()}: ${msg.text()}${source && source !== page.url() ? ` (${source})` : ""}`);
      });
      page.on("pageerror", (error) => errors.push(`uncaught exception on ${page.url()}: ${error.message}`));
    });
    const page = await context.newPage();
    const person = { context, page, errors };
    people.push(person);
    return person;
  }

  return { newPerson };
}

/**
 * Chromium logs every 4xx document/fetch as a console error; a test that expects one may drop exactly that line.
 */
export function unexpectedErrors(person: Person, expectedStatuses: number[] = []) {
  return person.errors.filter((e) => {
    const failedLoad = /Failed to load resource: the server responded with a status of (\d+)/.exec(e);
    if (!failedLoad) return true;
    return !expectedStatuses.includes(Number(failedLoad[1]));
  });
}

/** Duplicate ids break label[for] and aria-* references (a label can end up naming a heading instead of its input). */
export async function expectUniqueIds(page: Page) {
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll("[id]"))) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  expect(duplicates, `duplicate ids on ${page.url()}`).toEqual([]);
}

/** Waits (default timeout) until the locator is visible; a strict locator also fails when it matches several elements. */
export async function visible(locator: Locator) {
  await locator.waitFor({ state: "visible" });
}

export async function logInThroughForm(page: Page, email: string, password = TEST_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/(cases|login\/two-factor)$/);
  if (new URL(page.url()).pathname === "/login/two-factor") {
    await page.getByLabel("Code", { exact: true }).fill(await freshTotpCode(email));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL("**/cases");
  }
}

/**
 * Records what an injected script would do on this page: dialogs, calls to alert/confirm/prompt (counted in
 * `window.__xss` even if dialogs were suppressed) and CSP violations (`window.__cspViolations`).
 */
export async function trapInjectedScripts(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
    const trap = () => {
      (window as unknown as { __xss: number }).__xss = ((window as unknown as { __xss?: number }).__xss ?? 0) + 1;
    };
    window.alert = trap;
    window.confirm = () => (trap(), false);
    window.prompt = () => (trap(), null);
  });
  return { dialogs };
}
