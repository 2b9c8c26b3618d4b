import { z } from "zod";
import { boardNameProblem, normaliseBoardName } from "~/boards/board-name";

const ZPiiChoice = z.enum(["mask", "keep"]).optional();
/** A checkbox: "on" when ticked. */
const ZFollow = z.literal("on").optional();
// A field people never see; bots fill it. Checked in the action so the bot gets an ordinary-looking answer.
const ZHoneypot = z.string().optional();

// NUL cannot be stored in PostgreSQL text, and other control characters have no place in a post.
const withoutControlCharacters = (value: string) =>
  value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");

export const ZThreadTitle = z
  .string({ required_error: "Give the thread a title" })
  .transform(withoutControlCharacters)
  .pipe(
    z
      .string()
      .trim()
      .min(
        8,
        "Make the title at least 8 characters, so others can tell what it is about",
      )
      .max(150, "Keep the title under 150 characters"),
  );

export const ZPostBody = z
  .string({ required_error: "Write your post" })
  .transform(withoutControlCharacters)
  .pipe(
    z
      .string()
      .trim()
      .min(2, "Write your post")
      .max(20_000, "Keep posts under 20,000 characters"),
  );

export const ZNewThread = z.object({
  intent: z.literal("create"),
  title: ZThreadTitle,
  body: ZPostBody,
  pii: ZPiiChoice,
  follow: ZFollow,
  website: ZHoneypot,
});

export const ZReply = z.object({
  intent: z.literal("reply"),
  body: ZPostBody,
  quotedPostId: z.string().max(40).optional(),
  pii: ZPiiChoice,
  follow: ZFollow,
  website: ZHoneypot,
});

export const ZEditPost = z.object({
  intent: z.literal("edit"),
  title: ZThreadTitle.optional(),
  body: ZPostBody,
  pii: ZPiiChoice,
});

export const ZFollowThread = z.object({
  intent: z.literal("follow"),
  follow: z.enum(["on", "off"]),
});

export const ZBoardSearch = z.object({
  // A query is only ever read, never refused: control characters (NUL breaks PostgreSQL) go, the rest is cut to 200.
  q: z
    .string()
    .transform((value) => withoutControlCharacters(value).trim().slice(0, 200))
    .catch(""),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});

/** The board profile form: an empty name goes back to the default (first name and last initial). */
export const ZBoardProfile = z.object({
  boardName: z
    .string()
    .optional()
    .transform((value) => normaliseBoardName(value ?? ""))
    .superRefine((value, ctx) => {
      const problem = value === "" ? null : boardNameProblem(value);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
});
