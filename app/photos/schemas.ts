import { z } from "zod";
import { ZOOM_MAX, ZOOM_MIN } from "~/photos/uscis-photo";

const percent = (label: string) =>
  z.coerce.number({ invalid_type_error: `${label} must be a number` }).min(0, `${label} must be 0 to 100`).max(100, `${label} must be 0 to 100`);

/** The crop form (zoom and where the square's centre sits), shared by the page's fields and the action. */
export const ZPhotoCrop = z.object({
  intent: z.enum(["preview", "save"]),
  zoom: z.coerce
    .number({ invalid_type_error: "Zoom must be a number" })
    .min(ZOOM_MIN, `Zoom must be ${ZOOM_MIN} to ${ZOOM_MAX}`)
    .max(ZOOM_MAX, `Zoom must be ${ZOOM_MIN} to ${ZOOM_MAX}`),
  centerX: percent("Left-right position"),
  centerY: percent("Up-down position"),
  /** The working copy the server made from the upload, carried by the page (base64 JPEG). */
  working: z.string({ required_error: "Upload the photo again" }).min(1, "Upload the photo again").max(4_000_000, "Upload the photo again"),
});

export type TPhotoCrop = z.infer<typeof ZPhotoCrop>;
