import { CASE_STATUS_LABELS } from "~/cases/case-types";
import type { CaseStatus } from "~/generated/prisma/enums";

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge badge-${status}`}>{CASE_STATUS_LABELS[status]}</span>;
}

export function formatDate(value: string | Date | null | undefined) {
  if (!value) return "—";
  return new Date(value).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}
