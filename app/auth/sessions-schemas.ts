import { z } from "zod";

/** The sessions page's buttons: sign out one session (by its handle), every other one, or every one. */
export const ZSessionAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("revoke"), session: z.string().regex(/^[a-f0-9]{24}$/, "Choose a session") }),
  z.object({ intent: z.literal("revoke-others") }),
  z.object({ intent: z.literal("revoke-all") }),
]);
