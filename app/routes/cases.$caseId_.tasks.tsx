import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { canEditCases } from "~/cases/case-access.server";
import { FormMessage } from "~/components/forms";
import { getTaskConfig } from "~/tasks/config.server";
import styles from "~/tasks/deadlines.css";
import { DueBadge } from "~/tasks/due-badge";
import { formatLongDay } from "~/tasks/format";
import { taskFormSchema, ZTaskStatusChange } from "~/tasks/schemas";
import { noticePreview, TaskForm } from "~/tasks/task-form";
import { caseTasksPage, createTask, deleteTask, requireEditableCase, setTaskStatus, type TaskView } from "~/tasks/tasks.server";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Deadlines and tasks · ${data?.case.reference ?? "Case"} · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const page = await caseTasksPage(user, params.caseId, auditActor(user, request));
  return json({ ...page, viewerId: user.id });
}

type ActionData = { result: SubmissionResult<string[]>; intent?: string; message?: string; previewMessage?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  invariantResponse(canEditCases(user), "We could not find that case.");
  const caseId = params.caseId;
  const formData = await readForm(request);
  const actor = auditActor(user, request);
  const intent = String(formData.get("intent"));

  if (intent === "complete" || intent === "reopen" || intent === "delete") {
    const parsed = parseForm(formData, ZTaskStatusChange);
    if (!parsed.ok) return parsed.response;
    const { taskId } = parsed.value;
    const done =
      intent === "delete" ? await deleteTask(user, caseId, taskId, actor) : await setTaskStatus(user, caseId, taskId, intent === "complete" ? "DONE" : "OPEN", actor);
    if (!done.ok) return rejectForm(parsed.submission, { message: done.message }, done.status);
    const message = intent === "delete" ? "Deleted" : intent === "complete" ? "Marked done" : "Reopened";
    return json({ result: parsed.submission.reply(), intent, message });
  }

  const parsed = parseForm(formData, taskFormSchema({ firmTimeZone: getTaskConfig().firmTimeZone }));
  if (!parsed.ok) return parsed.response;
  const input = parsed.value;
  if (intent === "preview") {
    await requireEditableCase(user, caseId);
    const when = input.noticeDate ? noticePreview(input.noticeDate, String(input.responseDays)) : `Due ${formatLongDay(input.dueDay)}.`;
    const previewMessage = `${when} Nothing is saved yet.`;
    return json({ result: parsed.submission.reply(), intent, previewMessage });
  }
  const created = await createTask(user, caseId, input, actor);
  if (!created.ok) return rejectForm(parsed.submission, { field: created.field, message: created.message }, created.status);
  return json({ result: parsed.submission.reply({ resetForm: true }), intent, message: `Saved: due ${formatLongDay(input.dueDay)}` });
}

function TaskRows({ tasks, canEdit, caseId }: { tasks: TaskView[]; canEdit: boolean; caseId: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Due</th>
            <th scope="col">What</th>
            <th scope="col">Status</th>
            {canEdit ? <th scope="col">Responsible</th> : null}
            {canEdit ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.id} className={`task-${t.state}`} data-task-id={t.id}>
              <td>
                <time dateTime={t.dueDay}>{t.dueLabel}</time>
                {t.fromNotice ? (
                  <div className="muted">{`Notice of ${t.fromNotice.noticeLabel} + ${t.fromNotice.responseDays} days`}</div>
                ) : null}
              </td>
              <td>
                <strong>{t.kindLabel}</strong>
                {t.title !== t.kindLabel ? <div>{t.title}</div> : null}
                {t.staff?.notes ? <div className="muted">{t.staff.notes}</div> : null}
                {canEdit && t.clientVisible ? <div className="muted">Visible to the client</div> : null}
              </td>
              <td>
                <DueBadge state={t.state} label={t.stateLabel} />
                {t.staff?.completed ? (
                  <div className="muted">
                    {t.staff.completed.by ? `by ${t.staff.completed.by} ` : ""}on {t.staff.completed.onLabel}
                  </div>
                ) : null}
              </td>
              {canEdit && t.staff ? (
                <td>
                  {t.staff.assignee.name}
                  {!t.staff.assigneeOnCase ? <div className="field-errors">No longer on this case: choose someone else</div> : null}
                </td>
              ) : null}
              {canEdit ? (
                <td>
                  <div className="actions">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="taskId" value={t.id} />
                      <button type="submit" name="intent" value={t.status === "OPEN" ? "complete" : "reopen"} className="button button-small">
                        {t.status === "OPEN" ? "Mark done" : "Reopen"}
                      </button>
                    </Form>
                    <Link to={`/cases/${caseId}/tasks/${t.id}`} className="button button-small button-secondary">
                      Edit
                    </Link>
                    <details>
                      <summary>Delete…</summary>
                      <Form method="post">
                        <input type="hidden" name="taskId" value={t.id} />
                        <button type="submit" name="intent" value="delete" className="button button-small button-danger">
                          Delete for good
                        </button>
                      </Form>
                    </details>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function CaseTasksPage() {
  const { case: c, open, done, canEdit, team, firmTimeZone, viewerId, lang, reminderOffsetsDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const statusChange = actionData?.intent === "complete" || actionData?.intent === "reopen" || actionData?.intent === "delete";
  const es = lang === "es";
  const reminderDays = reminderOffsetsDays.filter((d) => d > 0).join(", ");
  return (
    <section className="stack" aria-labelledby="tasks-title">
      <p>
        <Link to={`/cases/${c.id}`}>← {c.reference}</Link>
      </p>
      <header>
        <h1 id="tasks-title">{canEdit ? "Deadlines and tasks" : es ? "Fechas importantes" : "Important dates"}</h1>
        <p className="muted">{c.title}</p>
      </header>
      <p className="muted">
        {canEdit
          ? `Reminder emails go to the person responsible ${reminderDays ? `${reminderDays} days before and ` : ""}on the morning of the day, and to the client for items visible to them.`
          : es
            ? "Fechas que su equipo legal compartió con usted. Le enviamos un recordatorio por correo antes de cada una."
            : "Dates your legal team shared with you. We email you a reminder before each one."}{" "}
        <a href={`/cases/${c.id}/tasks.ics`}>{es ? "Descargar para su calendario (.ics)" : "Download for your calendar (.ics)"}</a> ·{" "}
        <Link to="/deadlines/settings">{es ? "Suscribirse a todas sus fechas" : "Subscribe to all your deadlines"}</Link>
      </p>
      {statusChange ? <FormMessage errors={actionData?.result.error?.[""] ?? undefined} success={actionData?.message} /> : null}

      {open.length === 0 ? (
        <div className="card">
          <p>{es ? "No hay fechas pendientes." : "Nothing open."}</p>
        </div>
      ) : (
        <TaskRows tasks={open} canEdit={canEdit} caseId={c.id} />
      )}

      {canEdit ? (
        <section className="card" aria-labelledby="add-task-heading">
          <h2 id="add-task-heading">Add a deadline or task</h2>
          {team.length === 0 ? (
            <p className="notice notice-info">Assign an attorney or paralegal to this case first: every deadline needs someone responsible on the case.</p>
          ) : (
            <TaskForm
              formId="new-task"
              intent="create"
              submitLabel="Save"
              lastResult={statusChange ? undefined : actionData?.result}
              message={statusChange ? null : actionData?.message}
              previewMessage={statusChange ? null : actionData?.previewMessage}
              defaults={{ dueMode: "day", timeZone: firmTimeZone, responseDays: "87", assigneeId: team.some((m) => m.id === viewerId) ? viewerId : undefined }}
              team={team}
              firmTimeZone={firmTimeZone}
            />
          )}
        </section>
      ) : null}

      {done.length ? (
        <section aria-labelledby="done-title">
          <h2 id="done-title">{es ? "Hechas" : "Done"}</h2>
          <TaskRows tasks={done} canEdit={canEdit} caseId={c.id} />
        </section>
      ) : null}
    </section>
  );
}
