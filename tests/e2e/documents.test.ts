/**
 * The document checklist in Chromium: the client uploads against an item, a wrong file is refused with a message,
 * the assigned attorney (signed in with a TOTP code) accepts the file, and the client then sees it accepted.
 */
import { readFileSync } from "node:fs";
import { expectUniqueIds, hasChromium, logInThroughForm, unexpectedErrors, useBrowser, visible } from "../support/browser";
import { createCaseWorld } from "../support/factories";
import { DEFAULT_CHECKLISTS } from "~/documents/checklists";

describe.skipIf(!hasChromium)("document checklist in the browser", () => {
  const { newPerson } = useBrowser();

  it("client uploads, staff accept, client sees it accepted", { timeout: 120_000 }, async () => {
    const world = await createCaseWorld();
    const required = DEFAULT_CHECKLISTS.I130_FAMILY_PETITION.filter((i) => i.required).length;
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n% browser upload\n"), Buffer.alloc(40_000, "evidence ")]);

    const client = await newPerson();
    await logInThroughForm(client.page, world.applicant.email);
    await client.page.goto(`/cases/${world.theCase.id}`);
    await visible(client.page.getByText(`0 of ${required} required accepted (0%)`));
    await client.page.getByRole("link", { name: "Documents" }).click();
    await client.page.waitForURL(`**/cases/${world.theCase.id}/documents`);
    await expectUniqueIds(client.page);
    await visible(client.page.getByTestId("completeness").filter({ hasText: `0 of ${required}` }));

    const item = client.page.locator('li[data-item-key="marriage-certificate"]');
    await item.getByLabel("Add a file").setInputFiles({ name: "not-really.pdf", mimeType: "application/pdf", buffer: Buffer.from("just some text, not a PDF") });
    await item.getByRole("button", { name: "Upload" }).click();
    await visible(item.getByRole("alert").filter({ hasText: "is not a PDF, JPEG, PNG, HEIC/HEIF or WebP" }));
    await expect.poll(() => item.getByTestId("item-status").innerText()).toBe("Missing");

    await item.getByLabel("Add a file").setInputFiles({ name: "marriage-certificate.pdf", mimeType: "application/pdf", buffer: pdf });
    await item.getByRole("button", { name: "Upload" }).click();
    await visible(item.getByRole("status").filter({ hasText: "marriage-certificate.pdf uploaded" }));
    await expect.poll(() => item.getByTestId("item-status").innerText()).toBe("Awaiting review");

    const [download] = await Promise.all([client.page.waitForEvent("download"), item.getByRole("link", { name: "marriage-certificate.pdf" }).click()]);
    expect(download.suggestedFilename()).toBe("marriage-certificate.pdf");
    expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);

    const attorney = await newPerson();
    await logInThroughForm(attorney.page, world.assigned.email);
    await attorney.page.goto(`/cases/${world.theCase.id}/documents`);
    const staffItem = attorney.page.locator('li[data-item-key="marriage-certificate"]');
    await staffItem.getByRole("button", { name: "Accept" }).click();
    await visible(staffItem.getByRole("status").filter({ hasText: "File accepted" }));
    await expect.poll(() => staffItem.getByTestId("item-status").innerText()).toBe("Accepted");

    await client.page.reload();
    await expect.poll(() => item.getByTestId("item-status").innerText()).toBe("Accepted");
    await visible(client.page.getByTestId("completeness").filter({ hasText: `1 of ${required}` }));
    expect(unexpectedErrors(client, [415])).toEqual([]);
    expect(unexpectedErrors(attorney)).toEqual([]);
  });
});
