import { Link } from "@remix-run/react";
import { DueBadge } from "~/tasks/due-badge";
import type { TaskView } from "~/tasks/tasks.server";

/** The case page's view of its next open deadlines, with a link to all of them. */
export function CaseDeadlines({ caseId, summary, canEdit }: { caseId: string; summary: { next: TaskView[]; open: number }; canEdit: boolean }) {
  return (
    <section className="card" aria-labelledby="case-deadlines-title">
      <h2 id="case-deadlines-title">{canEdit ? "Deadlines and tasks" : "Important dates"}</h2>
      {summary.next.length === 0 ? (
        <p className="muted">Nothing open.</p>
      ) : (
        <ul>
          {summary.next.map((t) => (
            <li key={t.id} data-task-id={t.id}>
              <time dateTime={t.dueDay}>{t.dueLabel}</time> · {t.kindLabel}
              {t.title !== t.kindLabel ? ` · ${t.title}` : ""} <DueBadge state={t.state} label={t.stateLabel} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/cases/${caseId}/tasks`}>{summary.open > summary.next.length ? `All ${summary.open} open items` : canEdit ? "Open, add and complete" : "See all"}</Link>
      </p>
    </section>
  );
}
