/** One zod schema per messaging form, shared by the browser (conform) and the actions. Browser-safe. */
import { z } from "zod";

export const MESSAGE_MAX_LENGTH = 10_000;
export const SUBJECT_MAX_LENGTH = 120;

/**
 * Messages are plain text. Control characters other than line breaks and tabs are removed (NUL cannot be stored in
 * PostgreSQL text, the rest have no place in a message), and so are the Unicode direction overrides, which can make
 * a link or a sentence display as something other than what it is.
 */
export function cleanMessageText(value: string) {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, "");
}

const ZBody = z
  .string({ required_error: "Write your message" })
  .transform(cleanMessageText)
  .pipe(z.string().trim().min(1, "Write your message").max(MESSAGE_MAX_LENGTH, "Keep messages under 10,000 characters"));

const ZNoteBody = z
  .string({ required_error: "Write the note" })
  .transform(cleanMessageText)
  .pipe(z.string().trim().min(1, "Write the note").max(MESSAGE_MAX_LENGTH, "Keep notes under 10,000 characters"));

const ZSubject = z
  .string({ required_error: "Give the conversation a subject" })
  .transform((value) => cleanMessageText(value).replace(/\s+/g, " "))
  .pipe(z.string().trim().min(2, "Give the conversation a subject").max(SUBJECT_MAX_LENGTH, "Keep the subject under 120 characters"));

export const MAX_ATTACHMENTS = 10;

/** Case documents to attach (checkboxes named documentIds); the action checks each is on the case and visible. */
const ZDocumentIds = z
  .array(z.string().min(1).max(40))
  .max(MAX_ATTACHMENTS, "Attach at most 10 documents to one message")
  .optional()
  .transform((ids) => [...new Set(ids ?? [])]);

export const ZStartThread = z.object({
  intent: z.literal("start"),
  subject: ZSubject,
  body: ZBody,
  documentIds: ZDocumentIds,
});

export const ZReply = z.object({
  intent: z.literal("reply"),
  body: ZBody,
  documentIds: ZDocumentIds,
});

export const ZInternalNote = z.object({
  intent: z.literal("note"),
  body: ZNoteBody,
});

export const ZInboxPage = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
