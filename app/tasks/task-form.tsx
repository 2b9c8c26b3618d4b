import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ErrorList, FormMessage } from "~/components/forms";
import { formatLongDay } from "~/tasks/format";
import { dueDayFromNotice, isWeekend, RFE_RESPONSE_DAYS, TASK_KIND_LABELS, TASK_KINDS } from "~/tasks/kinds";
import { taskFormSchema, type DueMode } from "~/tasks/schemas";
import { isCalendarDate } from "~/utils/dates";

/** Suggestions for the time zone field; any IANA zone is accepted (consular interviews happen abroad). */
const COMMON_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Puerto_Rico",
  "Pacific/Guam",
  "America/Mexico_City",
  "America/Ciudad_Juarez",
  "Europe/London",
  "Asia/Manila",
  "Asia/Kolkata",
  "UTC",
];

export type TaskFormDefaults = {
  kind?: string;
  title?: string;
  notes?: string;
  dueMode: DueMode;
  dueDate?: string;
  dueTime?: string;
  timeZone: string;
  noticeDate?: string;
  responseDays?: string;
  assigneeId?: string;
  clientVisible?: boolean;
};

/** The due day "from the notice" as a sentence, or null while the fields are incomplete. */
export function noticePreview(noticeDate: string, responseDays: string) {
  const days = Number(responseDays || RFE_RESPONSE_DAYS);
  if (!isCalendarDate(noticeDate) || !Number.isInteger(days) || days < 1 || days > 365) return null;
  const due = dueDayFromNotice(noticeDate, days);
  return `Due ${formatLongDay(due)} (${days} days after the notice date).${isWeekend(due) ? " That is a weekend day: plan to file before it." : ""}`;
}

/**
 * Create or edit a deadline. The three ways of giving the date share one form: CSS shows the fields of the chosen
 * one. "From the notice" shows the computed due day as the user types (and, without JavaScript, on "Work out the
 * due date", which saves nothing).
 */
export function TaskForm({
  formId,
  intent,
  submitLabel,
  lastResult,
  defaults,
  team,
  firmTimeZone,
  message,
  previewMessage,
}: {
  formId: string;
  intent: "create" | "update";
  submitLabel: string;
  lastResult?: SubmissionResult<string[]>;
  defaults: TaskFormDefaults;
  team: { id: string; name: string; role: string }[];
  firmTimeZone: string;
  message?: string | null;
  previewMessage?: string | null;
}) {
  const schema = taskFormSchema({ firmTimeZone });
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: { ...defaults, intent },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const [notice, setNotice] = useState({ date: defaults.noticeDate ?? "", days: defaults.responseDays ?? String(RFE_RESPONSE_DAYS) });
  const livePreview = mounted ? noticePreview(notice.date, notice.days) : null;
  const mode = (fields.dueMode.value ?? defaults.dueMode) as DueMode;
  const { key: visibleKey, ...visibleProps } = getInputProps(fields.clientVisible, { type: "checkbox", ariaDescribedBy: `${fields.clientVisible.id}-hint` });

  return (
    <Form method="post" {...getFormProps(form)} className="task-form">
      <FormMessage errors={form.errors} success={message} />
      <div className="field">
        <label htmlFor={fields.kind.id}>Kind</label>
        <select {...getSelectProps(fields.kind)} key={fields.kind.key}>
          <option value="">Choose a kind</option>
          {TASK_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {TASK_KIND_LABELS[kind].en}
            </option>
          ))}
        </select>
        <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.title.id}>Title</label>
        <p id={`${fields.title.id}-hint`} className="hint">
          Optional for RFEs, appointments and filing deadlines (the kind is used). Never emailed or put in calendar feeds.
        </p>
        <input {...getInputProps(fields.title, { type: "text", ariaDescribedBy: `${fields.title.id}-hint` })} key={fields.title.key} />
        <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
      </div>

      <fieldset className="due-modes">
        <legend>When is it due?</legend>
        {(
          [
            ["day", "On a day (all day)"],
            ["time", "On a day at a set time (an appointment)"],
            ["notice", "Count from a notice (an RFE response period)"],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input type="radio" name={fields.dueMode.name} value={value} defaultChecked={mode === value} /> {label}
          </label>
        ))}
        <ErrorList id={fields.dueMode.errorId} errors={fields.dueMode.errors} />
      </fieldset>

      <div className="field due-date-only">
        <label htmlFor={fields.dueDate.id}>Due date</label>
        <input {...getInputProps(fields.dueDate, { type: "date" })} key={fields.dueDate.key} />
        <ErrorList id={fields.dueDate.errorId} errors={fields.dueDate.errors} />
      </div>
      <div className="field due-time-only">
        <label htmlFor={fields.dueTime.id}>Time</label>
        <input {...getInputProps(fields.dueTime, { type: "time" })} key={fields.dueTime.key} />
        <ErrorList id={fields.dueTime.errorId} errors={fields.dueTime.errors} />
      </div>
      <div className="field due-time-only">
        <label htmlFor={fields.timeZone.id}>Time zone</label>
        <p id={`${fields.timeZone.id}-hint`} className="hint">
          Where the appointment takes place, for example America/Chicago. The firm&apos;s zone is {firmTimeZone}.
        </p>
        <input
          {...getInputProps(fields.timeZone, { type: "text", ariaDescribedBy: `${fields.timeZone.id}-hint` })}
          key={fields.timeZone.key}
          list={`${formId}-zones`}
          autoComplete="off"
        />
        <datalist id={`${formId}-zones`}>
          {[...new Set([firmTimeZone, ...COMMON_ZONES])].map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <ErrorList id={fields.timeZone.errorId} errors={fields.timeZone.errors} />
      </div>
      <div className="field due-notice-only">
        <label htmlFor={fields.noticeDate.id}>Notice date</label>
        <p id={`${fields.noticeDate.id}-hint`} className="hint">
          The date printed on the notice (not the day it arrived).
        </p>
        <input
          {...getInputProps(fields.noticeDate, { type: "date", ariaDescribedBy: `${fields.noticeDate.id}-hint` })}
          key={fields.noticeDate.key}
          onChange={(event) => {
            const date = event.currentTarget.value;
            setNotice((n) => ({ ...n, date }));
          }}
        />
        <ErrorList id={fields.noticeDate.errorId} errors={fields.noticeDate.errors} />
      </div>
      <div className="field due-notice-only">
        <label htmlFor={fields.responseDays.id}>Response period in days</label>
        <p id={`${fields.responseDays.id}-hint`} className="hint">
          As the notice states. An RFE usually allows 84 days plus 3 for mailing: {RFE_RESPONSE_DAYS}.
        </p>
        <input
          {...getInputProps(fields.responseDays, { type: "number", ariaDescribedBy: `${fields.responseDays.id}-hint` })}
          key={fields.responseDays.key}
          min={1}
          max={365}
          onChange={(event) => {
            const days = event.currentTarget.value;
            setNotice((n) => ({ ...n, days }));
          }}
        />
        <ErrorList id={fields.responseDays.errorId} errors={fields.responseDays.errors} />
      </div>
      <p className="due-notice-only due-preview" aria-live="polite" data-testid="due-preview">
        {livePreview ?? previewMessage ?? ""}
      </p>

      <div className="field">
        <label htmlFor={fields.assigneeId.id}>Responsible</label>
        <select {...getSelectProps(fields.assigneeId)} key={fields.assigneeId.key}>
          <option value="">Choose someone on the case</option>
          {team.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name} ({member.role === "ATTORNEY" ? "attorney" : "paralegal"})
            </option>
          ))}
        </select>
        <ErrorList id={fields.assigneeId.errorId} errors={fields.assigneeId.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.clientVisible.id}>
          <input {...visibleProps} key={visibleKey} /> Visible to the client
        </label>
        <p id={`${fields.clientVisible.id}-hint`} className="hint">
          For dates the client must know or attend, such as a biometrics appointment. The client sees the kind, title and date (never the notes or who is
          responsible) and gets the reminder emails too.
        </p>
      </div>
      <div className="field">
        <label htmlFor={fields.notes.id}>Notes (legal team only)</label>
        <textarea {...getTextareaProps(fields.notes)} key={fields.notes.key} rows={3} />
        <ErrorList id={fields.notes.errorId} errors={fields.notes.errors} />
      </div>
      <div className="actions">
        <button type="submit" name="intent" value={intent} className="button">
          {submitLabel}
        </button>
        <button type="submit" name="intent" value="preview" className="button button-secondary due-notice-only">
          Work out the due date
        </button>
      </div>
    </Form>
  );
}
