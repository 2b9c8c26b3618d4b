/**
 * Browser end-to-end tests of accounts and cases (tests/support/browser.ts has the set-up).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expectUniqueIds, hasChromium, logInThroughForm, RESULTS_DIR, unexpectedErrors, useBrowser, visible } from "../support/browser";
import { createCase, createUser, uniqueEmail } from "../support/factories";
import { addNote } from "~/cases/case-access.server";

describe.skipIf(!hasChromium)("in the browser", () => {
  const { newPerson } = useBrowser();

  it("registers, confirms the email through the dev outbox, and sees the case an admin opens", { timeout: 90_000 }, async () => {
    const name = `Amara Okafor ${randomUUID().slice(0, 4)}`;
    const email = uniqueEmail("browser-register");
    const password = "a long enough browser password";
    const caseTitle = `Spousal petition for ${name}`;

    // 1. The applicant registers.
    const applicant = await newPerson();
    const { page } = applicant;
    await page.goto("/register");
    await expectUniqueIds(page);
    await page.getByLabel("Full name").fill(name);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByLabel("Repeat password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/verify-email");
    await visible(page.getByRole("heading", { name: "Check your inbox" }));

    // 2. The confirmation email, read from the dev outbox like a developer would.
    await page.goto("/dev/outbox");
    const row = page.getByRole("row").filter({ hasText: email });
    await row.getByRole("link", { name: "Confirm your email address" }).click();
    await visible(page.getByRole("heading", { name: "Confirm your email address", level: 2 }));
    await visible(page.getByText(`To: ${email}`));
    const frame = page.frameLocator('iframe[title="Email preview"]');
    const href = await frame.getByRole("link", { name: /confirm/i }).first().getAttribute("href");
    expect(href).toMatch(/\/verify-email\?token=/);
    // The plain-text part carries the same link.
    await page.getByText("Plain text").click();
    await expect.poll(() => page.locator("pre.email-text").innerText()).toContain(href!);

    // 3. Follow the link and confirm.
    await page.goto(href!);
    await visible(page.getByRole("heading", { name: "Confirm your email address" }));
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await page.waitForURL("**/cases");
    await visible(page.getByRole("heading", { name: "My cases" }));
    await visible(page.getByText("You have no cases yet."));

    // 4. An admin opens a case for them.
    const adminUser = await createUser({ role: "ADMIN" });
    const admin = await newPerson();
    await logInThroughForm(admin.page, adminUser.email);
    await admin.page.getByRole("link", { name: "New case" }).click();
    await admin.page.waitForURL("**/admin/cases/new");
    await admin.page.getByLabel("Applicant's email").fill(email);
    await admin.page.getByLabel("Case type").selectOption({ label: "I-130 Family petition" });
    await expectUniqueIds(admin.page);
    await admin.page.getByLabel("Title", { exact: true }).fill(caseTitle);
    await admin.page.getByRole("button", { name: "Open case" }).click();
    await admin.page.waitForURL(/\/cases\/[^/]+$/);
    await visible(admin.page.getByRole("heading", { name: caseTitle, level: 1 }));
    const caseUrl = new URL(admin.page.url()).pathname;

    // 5. The applicant logs out, logs back in through the form and finds the case.
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL("**/login");
    await logInThroughForm(page, email, password);
    await visible(page.getByRole("heading", { name: "My cases" }));
    await page.getByRole("link", { name: caseTitle }).click();
    await page.waitForURL(`**${caseUrl}`);
    await visible(page.getByRole("heading", { name: caseTitle, level: 1 }));
    await visible(page.getByText("I-130 Family petition"));
    // Applicants see the client view, not the staff forms.
    await expectUniqueIds(page);
    await visible(page.getByRole("heading", { name: "Messages from your legal team" }));
    expect(await page.getByRole("button", { name: "Update status" }).count()).toBe(0);

    expect(unexpectedErrors(applicant)).toEqual([]);
    expect(unexpectedErrors(admin)).toEqual([]);
  });

  it("shows an attorney only assigned cases, a friendly 404 otherwise, and the case once an admin assigns it", { timeout: 90_000 }, async () => {
    const tag = randomUUID().slice(0, 6);
    const [applicantUser, attorneyUser, adminUser] = await Promise.all([
      createUser({ role: "APPLICANT" }),
      createUser({ role: "ATTORNEY", name: `Attorney Browser ${tag}` }),
      createUser({ role: "ADMIN" }),
    ]);
    const assignedCase = await createCase({ applicantId: applicantUser.id, assignees: [attorneyUser], title: `Assigned browser case ${tag}` });
    const otherCase = await createCase({ applicantId: applicantUser.id, title: `Other browser case ${tag}` });

    const attorney = await newPerson();
    const { page } = attorney;
    await logInThroughForm(page, attorneyUser.email);
    await visible(page.getByRole("heading", { name: "My assigned cases" }));
    await visible(page.getByRole("link", { name: assignedCase.title }));
    expect(await page.getByRole("link", { name: otherCase.title }).count()).toBe(0);

    // Someone else's case: a friendly 404, not a stack trace.
    const notFound = await page.goto(`/cases/${otherCase.id}`);
    expect(notFound?.status()).toBe(404);
    await visible(page.getByRole("heading", { name: "Page not found" }));
    await visible(page.getByText("We could not find that case"));
    const bodyText = await page.locator("body").innerText();
    expect(bodyText).not.toMatch(/\bat .+:\d+:\d+|Error:|node_modules|stack/i);
    expect(bodyText).not.toContain(otherCase.title);
    await expectUniqueIds(page);

    // An admin assigns the attorney to the other case.
    const admin = await newPerson();
    await logInThroughForm(admin.page, adminUser.email);
    await admin.page.goto(`/cases/${otherCase.id}`);
    await visible(admin.page.getByRole("heading", { name: otherCase.title, level: 1 }));
    await expectUniqueIds(admin.page);
    await admin.page.getByLabel("Assign attorney or paralegal").selectOption({ label: `${attorneyUser.name} (attorney)` });
    await admin.page.getByRole("button", { name: "Assign", exact: true }).click();
    await expect.poll(() => admin.page.getByRole("status").innerText()).toBe("Staff member assigned");
    await visible(admin.page.getByRole("button", { name: `Unassign ${attorneyUser.name}` }));

    // The attorney now sees and opens it.
    await page.goto("/cases");
    await visible(page.getByRole("link", { name: otherCase.title }));
    await page.getByRole("link", { name: otherCase.title }).click();
    await page.waitForURL(`**/cases/${otherCase.id}`);
    await visible(page.getByRole("heading", { name: otherCase.title, level: 1 }));
    const direct = await page.goto(`/cases/${otherCase.id}`);
    expect(direct?.status()).toBe(200);

    // The only console error allowed is Chromium's own note about the 404 document we asked for.
    expect(unexpectedErrors(attorney, [404])).toEqual([]);
    expect(unexpectedErrors(admin)).toEqual([]);
  });

  describe("form errors keep what was typed", () => {
    const name = "Wen Li";
    const shortPassword = "too short";

    it("with JavaScript: the error shows next to the field", async () => {
      const email = uniqueEmail("browser-short");
      const person = await newPerson();
      const { page } = person;
      await page.goto("/register");
      await page.getByLabel("Full name").fill(name);
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByLabel("Password", { exact: true }).fill(shortPassword);
      await page.getByLabel("Repeat password").fill(shortPassword);
      await page.getByRole("button", { name: "Create account" }).click();

      const passwordField = page.getByLabel("Password", { exact: true });
      await expect.poll(() => passwordField.getAttribute("aria-invalid")).toBe("true");
      // aria-describedby points at the error list, so screen readers announce it with the field.
      const describedBy = (await passwordField.getAttribute("aria-describedby")) ?? "";
      const descriptions = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText()));
      expect(descriptions.join(" ")).toContain("Use at least 12 characters");
      // The message sits in the same field group as the input.
      const group = page.locator(".field").filter({ has: passwordField });
      await expect.poll(() => group.getByRole("alert").innerText()).toBe("Use at least 12 characters");
      await expect.poll(() => page.getByLabel("Full name").inputValue()).toBe(name);
      await expect.poll(() => page.getByLabel("Email", { exact: true }).inputValue()).toBe(email);
      expect(new URL(page.url()).pathname).toBe("/register");
      await expectUniqueIds(page);

      expect(unexpectedErrors(person)).toEqual([]);
    });

    it("without JavaScript: the server answers with the same message and keeps the email", async () => {
      const email = uniqueEmail("browser-nojs");
      const person = await newPerson({ javaScriptEnabled: false });
      const { page } = person;
      await page.goto("/register");
      await page.getByLabel("Full name").fill(name);
      await page.getByLabel("Email", { exact: true }).fill(email);
      // The server-rendered form carries novalidate, so the browser submits and the server does the checking.
      await page.getByLabel("Password", { exact: true }).fill(shortPassword);
      await page.getByLabel("Repeat password").fill(shortPassword);
      const [response] = await Promise.all([
        page.waitForResponse((res) => res.url().endsWith("/register") && res.request().method() === "POST"),
        page.getByRole("button", { name: "Create account" }).click(),
      ]);
      expect(response.status()).toBe(400);
      await page.waitForLoadState();

      const passwordField = page.getByLabel("Password", { exact: true });
      await expect.poll(() => passwordField.getAttribute("aria-invalid")).toBe("true");
      await visible(page.getByText("Use at least 12 characters"));
      await expect.poll(() => page.getByLabel("Email", { exact: true }).inputValue()).toBe(email);
      await expect.poll(() => page.getByLabel("Full name").inputValue()).toBe(name);
      // Passwords are never echoed back.
      await expect.poll(() => passwordField.inputValue()).toBe("");
      await expectUniqueIds(page);

      expect(unexpectedErrors(person, [400])).toEqual([]);
    });
  });

  it("renders the applicant's case page (screenshot for a human to look at)", { timeout: 60_000 }, async () => {
    const tag = randomUUID().slice(0, 4);
    const [applicantUser, attorneyUser] = await Promise.all([
      createUser({ role: "APPLICANT", name: `Sofia Hernández ${tag}` }),
      createUser({ role: "ATTORNEY", name: `Daniel Brooks ${tag}` }),
    ]);
    const theCase = await createCase({
      applicantId: applicantUser.id,
      assignees: [attorneyUser],
      type: "I485_ADJUSTMENT",
      title: `Adjustment of status for Sofia Hernández`,
    });
    await addNote(
      attorneyUser,
      theCase.id,
      { body: "We received your documents. Your biometrics appointment notice should arrive in 3–5 weeks.", visibility: "CLIENT" },
      { id: attorneyUser.id, ip: "203.0.113.9" },
    );

    const person = await newPerson({ viewport: { width: 1280, height: 900 } });
    const { page } = person;
    await logInThroughForm(page, applicantUser.email);
    await page.getByRole("link", { name: theCase.title }).click();
    await page.waitForURL(`**/cases/${theCase.id}`);
    await visible(page.getByRole("heading", { name: theCase.title, level: 1 }));
    await visible(page.getByText("We received your documents."));
    await expectUniqueIds(page);

    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, "applicant-case-detail.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(RESULTS_DIR, "applicant-case-detail-mobile.png"), fullPage: true });

    expect(unexpectedErrors(person)).toEqual([]);
  });
});
