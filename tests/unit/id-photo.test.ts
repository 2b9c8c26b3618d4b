/**
 * The ID photo pipeline on synthetic portraits drawn with sharp: the output format (600 x 600 JPEG, 300 dpi,
 * sRGB, no GPS), the orientation, the crop and each warning. The thresholds in app/photos/checks.server.ts were
 * calibrated on these portraits, so each test also checks the good portrait stays free of that warning.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { checkIdPhoto, type PhotoCheckCode } from "~/photos/checks.server";
import { printSheet, SHEET } from "~/photos/print-sheet.server";
import { MIN_SHORT_SIDE, prepareWorkingCopy, renderIdPhoto, UnusablePhoto, WORKING_MAX_SIDE } from "~/photos/process.server";
import { cropBox, defaultCrop, PHOTO_PX, type Crop } from "~/photos/uscis-photo";
import { portraitSvg, type PortraitOptions } from "../support/portrait";
import { hasCommand } from "../support/tools";

const hasHeifEnc = hasCommand("heif-enc");
if (!hasHeifEnc) console.warn("[id-photo] Skipping the HEIC test: heif-enc (Debian libheif-examples) is not installed");

async function portrait(options: PortraitOptions = {}) {
  const png = await sharp(portraitSvg(options)).png().toBuffer();
  return options.blur ? sharp(png).blur(options.blur).png().toBuffer() : png;
}

async function render(input: Buffer, crop?: Crop) {
  const working = await prepareWorkingCopy(input);
  return { working, photo: await renderIdPhoto({ working: working.jpeg, crop: crop ?? defaultCrop(working) }) };
}

const codes = (checks: { code: PhotoCheckCode }[]) => checks.map((c) => c.code);

/** The tags of a TIFF/EXIF block's first directory (IFD0), where the GPS directory pointer (0x8825) lives. */
function ifd0Tags(exif: Buffer) {
  const tiff = exif.subarray(exif.indexOf("Exif\0\0") >= 0 ? exif.indexOf("Exif\0\0") + 6 : 0);
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const start = u32(4);
  return Array.from({ length: u16(start) }, (_, i) => u16(start + 2 + i * 12));
}
const GPS_POINTER = 0x8825;

let good: Buffer;
beforeAll(async () => {
  good = await portrait();
});

describe("the 2 x 2 inch photo", () => {
  it("is a 600 x 600 sRGB JPEG at 300 dpi, with no warnings for a good portrait", async () => {
    const { photo } = await render(good);
    const meta = await sharp(photo.jpeg).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 600, height: 600, density: 300, space: "srgb", hasProfile: true, channels: 3 });
    expect(photo.jpeg.length).toBeLessThan(240 * 1024);
    expect(codes(photo.checks)).toEqual([]);
  });

  it("drops the GPS position and camera data, and applies the EXIF orientation", async () => {
    // The portrait stored on its side, as phones do, with orientation 6 ("rotate 90 degrees to view") and a location.
    const sideways = await sharp(good)
      .rotate(-90)
      .jpeg()
      .withExif({ IFD0: { Make: "PhoneMaker", Model: "Phone 15" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "40/1 26/1 46/1", GPSLongitudeRef: "W", GPSLongitude: "79/1 58/1 56/1" } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const input = await sharp(sideways).metadata();
    expect(input.orientation).toBe(6);
    expect(ifd0Tags(input.exif!)).toContain(GPS_POINTER);

    const { working, photo } = await render(sideways);
    expect([working.width, working.height]).toEqual([1200, 1600]);
    expect([working.originalWidth, working.originalHeight]).toEqual([1200, 1600]);
    for (const jpeg of [working.jpeg, photo.jpeg]) {
      const meta = await sharp(jpeg).metadata();
      expect(meta.orientation ?? 1).toBe(1);
      if (meta.exif) {
        expect(ifd0Tags(meta.exif)).not.toContain(GPS_POINTER);
        expect(meta.exif.includes("PhoneMaker")).toBe(false);
      }
    }
    // Upright: light background at the top, the dark shirt at the bottom.
    const grey = sharp(photo.jpeg).greyscale();
    const top = await sharp(await grey.clone().extract({ left: 0, top: 0, width: 600, height: 40 }).toBuffer()).stats();
    const bottom = await sharp(await grey.clone().extract({ left: 200, top: 560, width: 200, height: 40 }).toBuffer()).stats();
    expect(top.channels[0]!.mean).toBeGreaterThan(200);
    expect(bottom.channels[0]!.mean).toBeLessThan(100);
    expect(codes(photo.checks)).toEqual([]);
  });

  it("shrinks large photos to a working copy of at most 1600 pixels and keeps the aspect", async () => {
    const big = await portrait({ width: 3000, height: 4000 });
    const working = await prepareWorkingCopy(big);
    expect(Math.max(working.width, working.height)).toBe(WORKING_MAX_SIDE);
    expect(working.width).toBe(1200);
    expect([working.originalWidth, working.originalHeight]).toEqual([3000, 4000]);
  });

  it("reads PNG with transparency (onto white), WebP and HEIC", async () => {
    const transparent = await sharp(portraitSvg({ background: "none" })).png().toBuffer();
    expect((await sharp(transparent).metadata()).hasAlpha).toBe(true);
    const fromPng = await render(transparent);
    expect(codes(fromPng.photo.checks)).toEqual([]);
    const corner = await sharp(await sharp(fromPng.photo.jpeg).extract({ left: 0, top: 0, width: 20, height: 20 }).toBuffer()).stats();
    expect(corner.channels.map((ch) => Math.round(ch.mean))).toEqual([255, 255, 255]);

    const webp = await sharp(good).webp({ quality: 90 }).toBuffer();
    expect((await render(webp)).photo.checks).toEqual([]);
  });

  it.skipIf(!hasHeifEnc)("reads an iPhone-style HEIC photo", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "passage-id-photo-"));
    try {
      writeFileSync(path.join(dir, "in.jpg"), await sharp(good).jpeg({ quality: 95 }).toBuffer());
      execFileSync("heif-enc", ["-q", "85", path.join(dir, "in.jpg"), "-o", path.join(dir, "in.heic")], { stdio: "ignore" });
      const heic = readFileSync(path.join(dir, "in.heic"));
      expect(heic.toString("latin1", 4, 8)).toBe("ftyp");
      const { working, photo } = await render(heic);
      expect([working.width, working.height]).toEqual([1200, 1600]);
      expect((await sharp(photo.jpeg).metadata()).width).toBe(600);
      expect(codes(photo.checks)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses files that are not images, damaged images and photos too small to use", async () => {
    await expect(prepareWorkingCopy(Buffer.from("%PDF-1.7 not a photo"))).rejects.toMatchObject({ reason: "undecodable" });
    const jpeg = await sharp(good).jpeg().toBuffer();
    await expect(prepareWorkingCopy(jpeg.subarray(0, 2000))).rejects.toBeInstanceOf(UnusablePhoto);
    const tiny = await portrait({ width: MIN_SHORT_SIDE - 50, height: MIN_SHORT_SIDE });
    await expect(prepareWorkingCopy(tiny)).rejects.toMatchObject({ reason: "too-small" });
  });
});

describe("warnings", () => {
  const expectWarning = async (input: Buffer, code: PhotoCheckCode) => {
    const { photo } = await render(input);
    expect(codes(photo.checks)).toContain(code);
    return photo;
  };

  it("a small photo: enlarged, with the factor in the message", async () => {
    const photo = await expectWarning(await portrait({ width: 300, height: 400 }), "upscaled");
    expect(photo.box.side).toBe(300);
    expect(photo.checks.find((c) => c.code === "upscaled")!.message).toContain("enlarged 2.0 times");
    // Zooming in on a photo that is big enough also enlarges.
    const zoomed = await render(good, { zoom: 3, centerX: 50, centerY: 40 });
    expect(zoomed.photo.checks.find((c) => c.code === "upscaled")!.message).toContain("400 x 400");
  });

  it("too dark, too bright, flat", async () => {
    await expectWarning(await sharp(good).linear(0.3, 0).png().toBuffer(), "too-dark");
    await expectWarning(await sharp(good).linear(1.6, 40).png().toBuffer(), "too-bright");
    await expectWarning(await sharp(good).linear(0.25, 140).png().toBuffer(), "low-contrast");
  });

  it("a background that is grey, coloured or busy", async () => {
    await expectWarning(await portrait({ background: "#9a9a9a" }), "background-dark");
    await expectWarning(await portrait({ background: "#8fb3de" }), "background-coloured");
    // A bookshelf behind the person: blocks of light and dark.
    const shelf = Array.from({ length: 60 }, (_, i) => `<rect x="${(i % 10) * 120}" y="${Math.floor(i / 10) * 270}" width="${60 + ((i * 37) % 55)}" height="250" fill="${["#5a4632", "#d8d0c0", "#8a2f2f", "#f4f4f4", "#2f4a6a"][i % 5]}"/>`).join("");
    const clutter = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1600"><rect width="100%" height="100%" fill="#eeeeee"/>${shelf}</svg>`);
    const overClutter = await sharp(clutter).composite([{ input: await sharp(portraitSvg({ background: "none" })).png().toBuffer() }]).png().toBuffer();
    await expectWarning(overClutter, "background-uneven");
    // Off-white is fine.
    expect((await render(await portrait({ background: "#ece6da" }))).photo.checks).toEqual([]);
  });

  it("blurred, but not slightly soft", async () => {
    await expectWarning(await portrait({ blur: 4 }), "blurry");
    expect(codes((await render(await portrait({ blur: 1.5 }))).photo.checks)).not.toContain("blurry");
  });

  it("black and white", async () => {
    await expectWarning(await sharp(good).greyscale().png().toBuffer(), "greyscale");
  });

  it("a file over 240 KB, and a photo that is not square (neither happens with the quality steps and the square crop)", async () => {
    const noise = sharp({ create: { width: 600, height: 600, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 90 } } });
    const pixels = await noise.clone().raw().toBuffer();
    const big = await noise.clone().jpeg({ quality: 100, chromaSubsampling: "4:4:4" }).toBuffer();
    expect(big.length).toBeGreaterThan(240 * 1024);
    const box = { left: 0, top: 0, side: 600 };
    expect(codes(await checkIdPhoto({ pixels, box, jpeg: big }))).toContain("file-size");
    const oblong = await sharp({ create: { width: 600, height: 500, channels: 3, background: "#ffffff" } }).jpeg().toBuffer();
    const checks = await checkIdPhoto({ pixels, box, jpeg: oblong });
    expect(codes(checks)).toContain("aspect");
    expect(codes(checks)).not.toContain("file-size");
  });
});

describe("the crop", () => {
  it("starts a little above centre on tall photos, and centred on wide ones", () => {
    expect(cropBox({ width: 1200, height: 1600 }, defaultCrop({ width: 1200, height: 1600 }))).toEqual({ left: 0, top: 72, side: 1200 });
    expect(cropBox({ width: 1600, height: 1200 }, defaultCrop({ width: 1600, height: 1200 }))).toEqual({ left: 200, top: 0, side: 1200 });
  });

  it("stays inside the photo whatever is asked", () => {
    const size = { width: 1200, height: 1600 };
    expect(cropBox(size, { zoom: 2, centerX: 0, centerY: 100 })).toEqual({ left: 0, top: 1000, side: 600 });
    expect(cropBox(size, { zoom: 99, centerX: 150, centerY: -5 })).toEqual({ left: 900, top: 0, side: 300 });
    expect(cropBox(size, { zoom: Number.NaN, centerX: 50, centerY: 50 })).toEqual({ left: 0, top: 200, side: 1200 });
  });

  it("puts the chosen square in the photo", async () => {
    // Zoomed on the right half of a photo whose right half is black: the result is black.
    const halves = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: "#ffffff" } })
      .composite([{ input: { create: { width: 600, height: 1600, channels: 3, background: "#000000" } }, left: 600, top: 0 }])
      .png()
      .toBuffer();
    const { photo } = await render(halves, { zoom: 2, centerX: 100, centerY: 50 });
    const stats = await sharp(photo.jpeg).stats();
    expect(stats.channels[0]!.max).toBeLessThan(20);
    expect(photo.box).toEqual({ left: 600, top: 500, side: 600 });
  });
});

describe("the print sheet", () => {
  it("is 4 x 6 inches at 300 dpi with the photo twice", async () => {
    const { photo } = await render(good);
    const sheet = await printSheet(photo.jpeg);
    const meta = await sharp(sheet).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: SHEET.width, height: SHEET.height, density: 300 });
    expect([SHEET.width, SHEET.height]).toEqual([1800, 1200]);
    // Both tiles hold the portrait: the shirt is dark at the bottom middle of each.
    for (const left of [200 + 200, 2 * 200 + PHOTO_PX + 200]) {
      const tile = await sharp(await sharp(sheet).extract({ left, top: 300 + 540, width: 200, height: 40 }).toBuffer()).stats();
      expect(tile.channels[0]!.mean).toBeLessThan(100);
    }
  });
});
