/**
 * Deadlines in real Chromium: the RFE date worked out as the attorney types, saving, completing, the month view,
 * and what the client sees, with no console errors (CSP, hydration) on the way.
 */
import { expectUniqueIds, hasChromium, logInThroughForm, unexpectedErrors, useBrowser, visible } from "../support/browser";
import { createCaseWorld } from "../support/factories";

describe.skipIf(!hasChromium)("deadlines in the browser", () => {
  const { newPerson } = useBrowser();

  it("works out an RFE due date from the notice, saves it, completes it, and shares an appointment with the client", { timeout: 120_000 }, async () => {
    const world = await createCaseWorld();
    const attorney = await newPerson();
    const { page } = attorney;
    await logInThroughForm(page, world.assigned.email);
    await page.goto(`/cases/${world.theCase.id}`);
    await page.getByRole("link", { name: "Open, add and complete" }).click();
    await page.waitForURL(`**/cases/${world.theCase.id}/tasks`);
    await expectUniqueIds(page);

    await page.getByLabel("Kind").selectOption("RFE_RESPONSE");
    await page.getByLabel("Count from a notice (an RFE response period)").check();
    // Only the chosen way's fields show.
    await expect.poll(() => page.getByLabel("Due date").isVisible()).toBe(false);
    await page.getByLabel("Notice date").fill("2031-03-15");
    await expect.poll(() => page.getByTestId("due-preview").innerText()).toBe("Due Tuesday, June 10, 2031 (87 days after the notice date).");
    await page.getByLabel("Response period in days").fill("30");
    await expect.poll(() => page.getByTestId("due-preview").innerText()).toContain("Due Monday, April 14, 2031");
    await page.getByLabel("Response period in days").fill("87");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await visible(page.getByText("Saved: due Tuesday, June 10, 2031"));
    const row = page.getByRole("row").filter({ hasText: "RFE response due" });
    await visible(row.getByText("Notice of Sat, Mar 15, 2031 + 87 days"));

    await row.getByRole("button", { name: "Mark done" }).click();
    await visible(page.getByRole("heading", { name: "Done", exact: true }));
    await visible(page.getByRole("row").filter({ hasText: "RFE response due" }).getByRole("button", { name: "Reopen" }));

    await page.getByLabel("Kind").selectOption("BIOMETRICS");
    await page.getByLabel("On a day at a set time (an appointment)").check();
    await page.getByLabel("Due date").fill("2031-04-02");
    await page.getByLabel("Time", { exact: true }).fill("09:30");
    await page.getByLabel("Visible to the client").check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await visible(page.getByText("Saved: due Wednesday, April 2, 2031"));
    await visible(page.getByRole("row").filter({ hasText: "Biometrics appointment" }).getByText("9:30 AM EDT"));

    await page.goto("/deadlines?view=month&month=2031-04&scope=all");
    await visible(page.getByRole("heading", { name: "April 2031" }));
    await visible(page.locator('td[data-day="2031-04-02"]').getByText("Biometrics appointment"));
    expect(unexpectedErrors(attorney)).toEqual([]);

    const client = await newPerson();
    await logInThroughForm(client.page, world.applicant.email);
    await client.page.goto(`/cases/${world.theCase.id}/tasks`);
    await visible(client.page.getByRole("heading", { name: "Important dates" }));
    await visible(client.page.getByText("Biometrics appointment"));
    expect(await client.page.getByText("RFE response due").count()).toBe(0);
    expect(unexpectedErrors(client)).toEqual([]);
  });
});
