import { z } from "zod";

export const SUBJECT_MAX = 150;
export const BODY_MAX = 20_000;

const ZSubject = z
  .string({ required_error: "Enter a subject" })
  .trim()
  .min(3, "Use at least 3 characters for the subject")
  .max(SUBJECT_MAX, `Keep the subject to ${SUBJECT_MAX} characters`)
  .regex(/^[^\r\n]*$/, "Write the subject on one line");

/** Plain text: paragraphs are separated by a blank line, a single line break stays a line break. */
const ZBody = z
  .string({ required_error: "Write the newsletter" })
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string({ required_error: "Write the newsletter" }).min(1, "Write the newsletter").max(BODY_MAX, `Keep the newsletter to ${BODY_MAX.toLocaleString("en-US")} characters`));

/** See newsletterPage: the newsletter's id, chosen when the page was loaded. */
const ZSendKey = z.string({ required_error: "Reload the page and try again" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "Reload the page and try again");

export const ZNewsletterAction = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("test"), subject: ZSubject, body: ZBody }),
    z.object({
      intent: z.literal("send"),
      subject: ZSubject,
      body: ZBody,
      sendKey: ZSendKey,
      confirm: z
        .boolean({ required_error: "Tick the box to confirm who gets this newsletter" })
        .refine((ticked) => ticked, "Tick the box to confirm who gets this newsletter"),
    }),
  ],
  { errorMap: () => ({ message: "Choose whether to send a test or the newsletter" }) },
);

export type TNewsletterAction = z.output<typeof ZNewsletterAction>;
export type TNewsletterContent = Pick<TNewsletterAction, "subject" | "body">;
