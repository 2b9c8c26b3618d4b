import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { canEditCases } from "~/cases/case-access.server";
import { getTaskConfig } from "~/tasks/config.server";
import styles from "~/tasks/deadlines.css";
import { DueBadge } from "~/tasks/due-badge";
import { formatLongDay } from "~/tasks/format";
import { taskFormSchema } from "~/tasks/schemas";
import { noticePreview, TaskForm } from "~/tasks/task-form";
import { isoDay, requireEditableCase, taskForEdit, updateTask } from "~/tasks/tasks.server";
import { wallClock } from "~/tasks/time-zones";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit deadline · ${data?.case.reference ?? "Case"} · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId && params.taskId, "We could not find that case.");
  invariantResponse(canEditCases(user), "We could not find that case.");
  const { case: c, task, view, team, firmTimeZone } = await taskForEdit(user, params.caseId, params.taskId, auditActor(user, request));
  const dueDay = isoDay(task.dueDay);
  const defaults = {
    kind: task.kind,
    title: task.title,
    notes: task.notes ?? "",
    dueMode: task.noticeDate ? ("notice" as const) : task.dueAt ? ("time" as const) : ("day" as const),
    dueDate: dueDay,
    dueTime: task.dueAt ? wallClock(task.dueAt, task.timeZone).time : "",
    timeZone: task.timeZone,
    noticeDate: task.noticeDate ? isoDay(task.noticeDate) : "",
    responseDays: String(task.responseDays ?? 87),
    // Someone taken off the case cannot stay responsible: the form asks for a new owner.
    assigneeId: team.some((m) => m.id === task.assigneeId) ? task.assigneeId : "",
    clientVisible: task.clientVisible,
  };
  return json({ case: c, view, team, firmTimeZone, defaults, assigneeGone: !team.some((m) => m.id === task.assigneeId) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId && params.taskId, "We could not find that case.");
  invariantResponse(canEditCases(user), "We could not find that case.");
  const parsed = parseForm(await readForm(request), taskFormSchema({ firmTimeZone: getTaskConfig().firmTimeZone }));
  if (!parsed.ok) return parsed.response;
  const input = parsed.value;
  if (parsed.submission.payload.intent === "preview") {
    await requireEditableCase(user, params.caseId);
    const when = input.noticeDate ? noticePreview(input.noticeDate, String(input.responseDays)) : `Due ${formatLongDay(input.dueDay)}.`;
    return json({ result: parsed.submission.reply(), previewMessage: `${when} Nothing is saved yet.` });
  }
  const updated = await updateTask(user, params.caseId, params.taskId, input, auditActor(user, request));
  if (!updated.ok) return rejectForm(parsed.submission, { field: updated.field, message: updated.message }, updated.status);
  return redirect(`/cases/${params.caseId}/tasks`);
}

export default function EditTaskPage() {
  const { case: c, view, team, firmTimeZone, defaults, assigneeGone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; previewMessage?: string } | undefined;
  return (
    <section className="stack" aria-labelledby="edit-task-title">
      <p>
        <Link to={`/cases/${c.id}/tasks`}>← Deadlines and tasks of {c.reference}</Link>
      </p>
      <header>
        <h1 id="edit-task-title">Edit: {view.kindLabel}</h1>
        <p className="muted">
          {view.dueLabel} · <DueBadge state={view.state} label={view.stateLabel} />
        </p>
      </header>
      {assigneeGone ? (
        <p className="notice notice-info">
          {view.staff?.assignee.name ?? "The person responsible"} is no longer on this case: choose who is responsible now.
        </p>
      ) : null}
      <section className="card">
        <TaskForm
          formId="edit-task"
          intent="update"
          submitLabel="Save changes"
          lastResult={actionData?.result}
          previewMessage={actionData?.previewMessage}
          defaults={defaults}
          team={team}
          firmTimeZone={firmTimeZone}
        />
      </section>
    </section>
  );
}
