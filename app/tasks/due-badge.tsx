import type { DueState } from "~/tasks/kinds";

/** The app-wide badge colours (app.css), so the badge reads the same on pages without deadlines.css. */
const BASE: Record<Exclude<DueState, "later">, string> = { overdue: "badge-expired", today: "badge-due-soon", soon: "badge-due-soon", done: "badge-CLOSED" };

/** How urgent an item is, as a badge ("Overdue by 2 days", "Due today", "Due in 3 days"); later items stay plain. */
export function DueBadge({ state, label }: { state: DueState; label: string }) {
  if (state === "later") return <span data-due-state={state}>{label}</span>;
  return (
    <span className={`badge ${BASE[state]} badge-task-${state}`} data-due-state={state}>
      {label}
    </span>
  );
}
