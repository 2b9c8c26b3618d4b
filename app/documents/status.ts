/** Item statuses, shared by the server (which derives them) and the page (which shows them). */
export type ItemStatus = "MISSING" | "AWAITING_REVIEW" | "ACCEPTED" | "REJECTED" | "NOT_NEEDED";

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  MISSING: "Missing",
  AWAITING_REVIEW: "Awaiting review",
  ACCEPTED: "Accepted",
  REJECTED: "Needs a new file",
  NOT_NEEDED: "Not needed",
};
