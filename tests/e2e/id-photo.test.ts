/**
 * The ID photo page in Chromium, with and without JavaScript: upload a portrait, move the square, check the
 * preview, save; the photo ends up on the case's photo checklist item. Every page is watched for CSP violations.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { prisma } from "~/db.server";
import { ID_PHOTO_FILENAME } from "~/photos/id-photos.server";
import { hasChromium, logInThroughForm, RESULTS_DIR, unexpectedErrors, useBrowser, visible } from "../support/browser";
import { createCaseWorld } from "../support/factories";
import { portraitJpeg } from "../support/portrait";

const photosOn = (caseId: string) => prisma.caseDocument.findMany({ where: { caseId, filename: ID_PHOTO_FILENAME }, include: { item: true } });

describe.skipIf(!hasChromium)("ID photo in the browser", () => {
  const { newPerson } = useBrowser();

  it("with JavaScript: the square moves live, the preview is checked on the server, and the photo is filed", { timeout: 120_000 }, async () => {
    const world = await createCaseWorld();
    const client = await newPerson();
    const { page } = client;
    await logInThroughForm(page, world.applicant.email);
    await page.goto(`/cases/${world.theCase.id}`);
    await page.getByRole("link", { name: "ID photo" }).click();
    await page.waitForURL(`**/cases/${world.theCase.id}/photo`);

    await page.getByLabel("Photo", { exact: true }).setInputFiles({ name: "IMG_0042.jpg", mimeType: "image/jpeg", buffer: await portraitJpeg() });
    await page.getByRole("button", { name: "Upload and crop" }).click();
    await visible(page.getByRole("heading", { name: "Choose the square" }));
    await visible(page.getByText("No problems found"));
    await visible(page.getByText("The 2 x 2 inch photo: 600 x 600 pixels, 300 dpi"));
    await visible(page.getByText("JPEG, PNG, HEIC or WebP, up to 15 MB."));

    const square = page.locator(".id-photo-overview rect").first();
    const before = Number(await square.getAttribute("width"));
    await page.getByLabel(/^Zoom/).fill("2");
    await visible(page.getByText("Live preview: press Update preview to check this square."));
    expect(Number(await square.getAttribute("width"))).toBeCloseTo(before / 2, 0);

    // Dragging on the photo moves the square's centre there.
    await page.locator(".id-photo-overview").scrollIntoViewIfNeeded();
    const box = (await page.locator(".id-photo-overview").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.35, { steps: 4 });
    await page.mouse.up();
    expect(Number(await page.getByLabel(/^Left-right position/).inputValue())).toBeCloseTo(30, 0);

    await page.getByLabel(/^Left-right position/).fill("50");
    await page.getByLabel(/^Zoom/).fill("1.2");
    await page.getByRole("button", { name: "Update preview" }).click();
    await visible(page.getByText("The 2 x 2 inch photo: 600 x 600 pixels, 300 dpi"));
    expect(await page.getByLabel(/^Zoom/).inputValue()).toBe("1.2");

    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, "id-photo.png"), fullPage: true });

    await page.getByRole("button", { name: "Save this photo to the case" }).click();
    await page.waitForURL(`**/cases/${world.theCase.id}/photo?saved=item`);
    await visible(page.getByText("Photo saved on the case's passport-style photo checklist item."));
    const filed = await photosOn(world.theCase.id);
    expect(filed).toHaveLength(1);
    expect(filed[0]!.item?.key).toBe("passport-photos");
    await visible(page.getByRole("link", { name: "4 x 6 inch print sheet (two photos)" }));

    expect(unexpectedErrors(client)).toEqual([]);
  });

  it("without JavaScript: the sliders and buttons work as a plain form", { timeout: 120_000 }, async () => {
    const world = await createCaseWorld();
    const client = await newPerson({ javaScriptEnabled: false });
    const { page } = client;
    await logInThroughForm(page, world.assigned.email);
    await page.goto(`/cases/${world.theCase.id}/photo`);
    await page.getByLabel("Photo", { exact: true }).setInputFiles({ name: "portrait.jpg", mimeType: "image/jpeg", buffer: await portraitJpeg() });
    await page.getByRole("button", { name: "Upload and crop" }).click();
    await visible(page.getByRole("heading", { name: "Choose the square" }));

    await page.getByLabel(/^Zoom/).fill("1.5");
    await page.getByRole("button", { name: "Update preview" }).click();
    await visible(page.getByRole("heading", { name: "Choose the square" }));
    expect(await page.getByLabel(/^Zoom/).inputValue()).toBe("1.5");
    await visible(page.getByText("Zoom: 1.5x"));

    await page.getByRole("button", { name: /^Save this photo/ }).click();
    await page.waitForURL(`**/cases/${world.theCase.id}/photo?saved=item`);
    const filed = await photosOn(world.theCase.id);
    expect(filed).toHaveLength(1);
    expect(filed[0]!.uploadedById).toBe(world.assigned.id);
    expect(unexpectedErrors(client)).toEqual([]);
  });
});
