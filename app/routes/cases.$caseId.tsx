import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { requireVerifiedUser } from "~/auth/session.server";
import {
  addNote,
  addReceiptNumber,
  assignableStaff,
  assignStaff,
  canEditCases,
  getCase,
  transitionCase,
  unassignStaff,
  updateKeyDates,
} from "~/cases/case-access.server";
import { CASE_STATUSES, CASE_STATUS_LABELS, CASE_TYPE_LABELS, NOTE_VISIBILITIES, NOTE_VISIBILITY_LABELS } from "~/cases/case-types";
import { ZAddNote, ZAddReceipt, ZAssign, ZAssignQuestionnaire, ZKeyDates, ZTransitionCase, ZUnassign } from "~/cases/schemas";
import { Field, FormMessage, SelectField, TextareaField } from "~/components/forms";
import { formatDate, StatusBadge } from "~/components/status-badge";
import { assignQuestionnaire, questionnairesForCase } from "~/questionnaires/questionnaires.server";
import { latestTemplates } from "~/questionnaires/templates";
import { formsForCase } from "~/forms/generate.server";
import { CaseDeadlines } from "~/tasks/case-deadlines";
import { caseDeadlineSummary } from "~/tasks/tasks.server";
import { documentCompleteness } from "~/documents/documents.server";
import { unreadMessageCount } from "~/messages/messages.server";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { normaliseReceiptNumber } from "~/status/receipt";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.reference ?? "Case"} · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const found = await getCase(user, params.caseId, auditActor(user, request));
  const isAdmin = user.role === "ADMIN";
  const questionnaires = await questionnairesForCase(user, found.id);
  const templates = latestTemplates();
  const forms = canEditCases(user) ? await formsForCase(user, found.id) : [];
  return json({
    forms,
    case: found,
    deadlines: await caseDeadlineSummary(user, found.id),
    unreadMessages: await unreadMessageCount(user, found.id),
    documents: await documentCompleteness(user, found.id),
    canEdit: canEditCases(user),
    isAdmin,
    staffOptions: isAdmin ? await assignableStaff() : [],
    questionnaires: questionnaires.map((q) => ({ ...q, title: templates.find((tpl) => tpl.id === q.templateId)?.title.en ?? q.templateId })),
    templateOptions: templates
      .filter((tpl) => !questionnaires.some((q) => q.templateId === tpl.id))
      .map((tpl) => ({ value: tpl.id, label: tpl.title.en, suggested: tpl.caseTypes.includes(found.type) })),
  });
}

const SCHEMAS = {
  transition: ZTransitionCase,
  dates: ZKeyDates,
  receipt: ZAddReceipt,
  note: ZAddNote,
  assign: ZAssign,
  unassign: ZUnassign,
  questionnaire: ZAssignQuestionnaire,
};
type Intent = keyof typeof SCHEMAS;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const caseId = params.caseId;
  const formData = await readForm(request);
  const intent = String(formData.get("intent")) as Intent;
  invariantResponse(intent in SCHEMAS, "Unknown action", 400);
  const parsed = parseForm(formData, SCHEMAS[intent] as z.ZodTypeAny);
  if (!parsed.ok) return parsed.response;
  const actor = auditActor(user, request);
  const value = parsed.value;
  const ok = (message: string) => json({ result: parsed.submission.reply({ resetForm: true }), intent, message });

  switch (value.intent as Intent) {
    case "transition":
      await transitionCase(user, caseId, value, actor);
      return ok("Status updated");
    case "dates":
      await updateKeyDates(user, caseId, value, actor);
      return ok("Key dates saved");
    case "receipt": {
      const added = await addReceiptNumber(user, caseId, value, actor);
      const normalised = normaliseReceiptNumber(value.number);
      const prefixWarning = normalised.ok ? normalised.warning : undefined;
      return added.ok ? ok(prefixWarning ? `Receipt number added. ${prefixWarning}` : "Receipt number added; Passage will check its USCIS status daily") : rejectForm(parsed.submission, { field: "number", message: added.message }, 409);
    }
    case "note":
      await addNote(user, caseId, value, actor);
      return ok("Note added");
    case "assign": {
      const assigned = await assignStaff(user, caseId, value.userId, actor);
      return assigned.ok ? ok("Staff member assigned") : rejectForm(parsed.submission, { field: "userId", message: assigned.message }, 409);
    }
    case "questionnaire": {
      const sent = await assignQuestionnaire(user, caseId, value.templateId, actor);
      return sent.ok ? ok("Questionnaire sent to the client") : rejectForm(parsed.submission, { field: "templateId", message: sent.message }, 409);
    }
    case "unassign": {
      const removed = await unassignStaff(user, caseId, value.userId, actor);
      return removed.ok ? ok("Staff member unassigned") : rejectForm(parsed.submission, { message: removed.message }, 409);
    }
  }
}

type ActionData = { result: SubmissionResult<string[]>; intent?: Intent; message?: string } | undefined;

function useCaseForm<Schema extends z.ZodTypeAny>(id: Intent, schema: Schema, defaultValue?: Record<string, unknown>) {
  const actionData = useActionData<typeof action>() as ActionData;
  const mine = actionData?.result.initialValue?.intent === id || actionData?.intent === id;
  return {
    message: mine ? actionData?.message : undefined,
    form: useForm<z.input<Schema>>({
      id: `case-${id}`,
      lastResult: mine ? actionData?.result : undefined,
      constraint: getZodConstraint(schema),
      defaultValue: { intent: id, ...defaultValue } as never,
      shouldValidate: "onBlur",
      onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    }),
  };
}

const QUESTIONNAIRE_STATUS = { IN_PROGRESS: "in progress", SUBMITTED: "submitted", CHANGES_REQUESTED: "changes requested" } as const;

const dateInput = (value: string | null) => (value ? value.slice(0, 10) : "");

export default function CaseDetail() {
  const { case: c, canEdit, isAdmin, staffOptions, questionnaires, templateOptions, forms, unreadMessages, documents } = useLoaderData<typeof loader>();
  // Every form on file can go into a packet; those with the client's answers are ticked, in filing order (I-130 first).
  const packetForms = forms.filter((f) => f.uploaded);
  const transition = useCaseForm("transition", ZTransitionCase, { status: c.status });
  const dates = useCaseForm("dates", ZKeyDates, {
    filedAt: dateInput(c.filedAt),
    priorityDate: dateInput(c.priorityDate),
    decisionAt: dateInput(c.decisionAt),
  });
  const receipt = useCaseForm("receipt", ZAddReceipt);
  const note = useCaseForm("note", ZAddNote, { visibility: "STAFF" });
  const assign = useCaseForm("assign", ZAssign);
  const questionnaire = useCaseForm("questionnaire", ZAssignQuestionnaire);
  const [questionnaireForm, questionnaireFields] = questionnaire.form;
  const [transitionForm, transitionFields] = transition.form;
  const [datesForm, dateFields] = dates.form;
  const [receiptForm, receiptFields] = receipt.form;
  const [noteForm, noteFields] = note.form;
  const [assignForm, assignFields] = assign.form;
  const assignedIds = new Set(c.assignments.map((a) => a.user.id));
  const { deadlines } = useLoaderData<typeof loader>();

  return (
    <article className="stack" aria-labelledby="case-title">
      <p>
        <Link to="/cases">← All cases</Link>
      </p>
      <header>
        <h1 id="case-title">{c.title}</h1>
        <p className="muted">
          {c.reference} · {CASE_TYPE_LABELS[c.type]} · <StatusBadge status={c.status} />
        </p>
        <p>
          <Link to={`/cases/${c.id}/messages`}>{unreadMessages > 0 ? `Secure messages (${unreadMessages} unread)` : "Secure messages"}</Link>
        </p>
        <p>
          <Link to={`/cases/${c.id}/documents`}>Documents</Link>: {documents.accepted} of {documents.required} required accepted ({documents.percent}%)
        </p>
      </header>

      <div className="grid-2">
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <dl className="meta-list">
            <dt>Applicant</dt>
            <dd>{c.applicant.name}</dd>
            <dt>Opened</dt>
            <dd>{formatDate(c.openedAt)}</dd>
            <dt>Filed</dt>
            <dd>{formatDate(c.filedAt)}</dd>
            <dt>Priority date</dt>
            <dd>{formatDate(c.priorityDate)}</dd>
            {canEdit ? (
              <>
                {/* Kept by the case's deadlines, which may include items the client does not see. */}
                <dt>Next deadline</dt>
                <dd>
                  {formatDate(c.nextDeadline)} · <Link to={`/cases/${c.id}/tasks`}>Deadlines and tasks</Link>
                </dd>
              </>
            ) : null}
            <dt>Decision</dt>
            <dd>{formatDate(c.decisionAt)}</dd>
            <dt>Receipt numbers</dt>
            <dd>
              {c.receipts.length ? c.receipts.map((r) => `${r.number} (${r.formType})`).join(", ") : "None yet"}{" "}
              · <Link to={`/cases/${c.id}/status`}>USCIS status and timeline</Link> · <Link to={`/cases/${c.id}/expirations`}>Document expirations</Link> · <Link to={`/cases/${c.id}/photo`}>ID photo</Link>
            </dd>
            <dt>Legal team</dt>
            <dd>{c.assignments.length ? c.assignments.map((a) => `${a.user.name} (${a.role === "ATTORNEY" ? "attorney" : "paralegal"})`).join(", ") : "Not assigned yet"}</dd>
          </dl>
          {isAdmin ? (
            <p>
              <Link to={`/cases/${c.id}/audit`}>View audit log</Link>
            </p>
          ) : null}
        </section>

        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          {c.events.length === 0 ? (
            <p className="muted">Nothing has happened yet.</p>
          ) : (
            <ol className="timeline">
              {c.events.map((e) => (
                <li key={e.id}>
                  <time dateTime={e.createdAt}>{formatDate(e.createdAt)}</time> {e.summary}
                  {e.actor ? <span className="muted"> · {e.actor.name}</span> : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      <CaseDeadlines caseId={c.id} summary={deadlines} canEdit={canEdit} />

      {canEdit ? (
        <section className="card" aria-labelledby="forms-title">
          <h2 id="forms-title">USCIS forms</h2>
          <ul>
            {forms.map((f) => (
              <li key={f.formNumber}>
                <strong>{f.formNumber}</strong>{" "}
                {f.uploaded ? (
                  <>
                    <span className="muted">
                      {`edition ${f.edition}`}
                      {!f.mapped
                        ? " · Passage does not fill this form: it comes out blank"
                        : f.questionnaireStatus
                          ? ` · ${f.warnings === 1 ? "1 warning" : `${f.warnings} warnings`}${f.missingRequired ? ` · ${f.missingRequired} required ${f.missingRequired === 1 ? "answer" : "answers"} missing` : ""}`
                          : " · no questionnaire yet, so the form comes out empty"}
                    </span>{" "}
                    · <Link to={`/cases/${c.id}/forms/${f.formNumber}`}>Check</Link> ·{" "}
                    <a href={`/cases/${c.id}/forms/${f.formNumber}.pdf`} target="_blank" rel="noreferrer">
                      Preview
                    </a>{" "}
                    · <a href={`/cases/${c.id}/forms/${f.formNumber}.pdf?download=1`}>Download</a>
                    {f.editionWarning ? <p className="notice notice-error">{f.editionWarning}</p> : null}
                  </>
                ) : (
                  <span className="muted">not uploaded yet (an administrator uploads it under Forms)</span>
                )}
              </li>
            ))}
          </ul>
          {packetForms.length ? (
            <Form method="get" action={`/cases/${c.id}/packet.pdf`} reloadDocument target="_blank" aria-labelledby="packet-title">
              <h3 id="packet-title">Filing packet</h3>
              <p className="muted">The ticked forms, flattened into one PDF in the order of the numbers. Forms Passage does not fill go in blank.</p>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Include</th>
                      <th scope="col">Order</th>
                    </tr>
                  </thead>
                  <tbody>
                    {packetForms.map((f, i) => (
                      <tr key={f.formNumber}>
                        <td>
                          <label>
                            <input type="checkbox" name="forms" value={f.formNumber} defaultChecked={Boolean(f.mapped && f.questionnaireStatus)} />{" "}
                            {f.mapped ? f.formNumber : `${f.formNumber} (blank)`}
                          </label>
                        </td>
                        <td>
                          <input type="number" name={`order.${f.formNumber}`} defaultValue={i + 1} min={1} max={99} aria-label={`Position of ${f.formNumber} in the packet`} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="actions">
                <button type="submit" className="button">
                  Preview packet
                </button>
                <button type="submit" name="download" value="1" formTarget="_self" className="button button-secondary">
                  Download packet
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="questionnaires-title">
        <h2 id="questionnaires-title">Questionnaires</h2>
        {questionnaires.length === 0 ? <p className="muted">No questionnaire yet.</p> : null}
        <ul>
          {questionnaires.map((q) => (
            <li key={q.id}>
              <Link to={`/questionnaires/${q.id}`}>{q.title}</Link> <span className="muted">· {QUESTIONNAIRE_STATUS[q.status]}</span>
            </li>
          ))}
        </ul>
        {canEdit && templateOptions.length ? (
          <Form method="post" {...getFormProps(questionnaireForm)}>
            <FormMessage errors={questionnaireForm.errors} success={questionnaire.message} />
            <input {...getInputProps(questionnaireFields.intent, { type: "hidden" })} key={questionnaireFields.intent.key} />
            <SelectField
              meta={questionnaireFields.templateId}
              label="Send a questionnaire to the client"
              placeholder="Choose a questionnaire"
              options={[...templateOptions].sort((a, b) => Number(b.suggested) - Number(a.suggested)).map((o) => ({ value: o.value, label: o.suggested ? `${o.label} (suggested)` : o.label }))}
            />
            <button type="submit" className="button">
              Send questionnaire
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="notes-title">
        <h2 id="notes-title">{canEdit ? "Notes" : "Messages from your legal team"}</h2>
        {c.notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
        {c.notes.map((n) => (
          <div key={n.id} className={`note${n.visibility === "STAFF" ? " note-staff" : ""}`}>
            <p className="muted">
              {n.author.name} · {formatDate(n.createdAt)}
              {canEdit ? ` · ${NOTE_VISIBILITY_LABELS[n.visibility]}` : ""}
            </p>
            <p>{n.body}</p>
          </div>
        ))}
        {canEdit ? (
          <Form method="post" {...getFormProps(noteForm)}>
            <FormMessage errors={noteForm.errors} success={note.message} />
            <input {...getInputProps(noteFields.intent, { type: "hidden" })} key={noteFields.intent.key} />
            <TextareaField meta={noteFields.body} label="New note" />
            <SelectField
              meta={noteFields.visibility}
              label="Who can see it"
              options={NOTE_VISIBILITIES.map((v) => ({ value: v, label: NOTE_VISIBILITY_LABELS[v] }))}
            />
            <button type="submit" className="button">
              Add note
            </button>
          </Form>
        ) : null}
      </section>

      {canEdit ? (
        <div className="grid-2">
          <section className="card" aria-labelledby="status-title">
            <h2 id="status-title">Change status</h2>
            <Form method="post" {...getFormProps(transitionForm)}>
              <FormMessage errors={transitionForm.errors} success={transition.message} />
              <input {...getInputProps(transitionFields.intent, { type: "hidden" })} key={transitionFields.intent.key} />
              <SelectField meta={transitionFields.status} label="Status" options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))} />
              <Field meta={transitionFields.summary} label="Timeline entry (optional)" hint="Shown to the client." />
              <button type="submit" className="button">
                Update status
              </button>
            </Form>
          </section>

          <section className="card" aria-labelledby="dates-title">
            <h2 id="dates-title">Key dates</h2>
            <Form method="post" {...getFormProps(datesForm)}>
              <FormMessage errors={datesForm.errors} success={dates.message} />
              <input {...getInputProps(dateFields.intent, { type: "hidden" })} key={dateFields.intent.key} />
              <Field meta={dateFields.filedAt} label="Filed" type="date" />
              <Field meta={dateFields.priorityDate} label="Priority date" type="date" />
              <p className="muted">
                Next deadline: {c.nextDeadline ? formatDate(c.nextDeadline) : "none open"}. It is the earliest open deadline or appointment:{" "}
                <Link to={`/cases/${c.id}/tasks`}>change it under deadlines and tasks</Link>.
              </p>
              <Field meta={dateFields.decisionAt} label="Decision" type="date" />
              <button type="submit" className="button">
                Save dates
              </button>
            </Form>
          </section>

          <section className="card" aria-labelledby="receipt-title">
            <h2 id="receipt-title">Add receipt number</h2>
            <Form method="post" {...getFormProps(receiptForm)}>
              <FormMessage errors={receiptForm.errors} success={receipt.message} />
              <input {...getInputProps(receiptFields.intent, { type: "hidden" })} key={receiptFields.intent.key} />
              <Field meta={receiptFields.number} label="Receipt number" hint="3 letters and 10 digits, like IOE0912345678" />
              <Field meta={receiptFields.formType} label="Form" hint="For example I-130" />
              <button type="submit" className="button">
                Add receipt
              </button>
            </Form>
          </section>

          {isAdmin ? (
            <section className="card" aria-labelledby="team-title">
              <h2 id="team-title">Legal team</h2>
              <ul>
                {c.assignments.map((a) => (
                  <li key={a.user.id}>
                    {a.user.name} ({a.role === "ATTORNEY" ? "attorney" : "paralegal"}){" "}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="unassign" />
                      <input type="hidden" name="userId" value={a.user.id} />
                      <button type="submit" className="button button-small button-secondary" aria-label={`Unassign ${a.user.name}`}>
                        Unassign
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
              <Form method="post" {...getFormProps(assignForm)}>
                <FormMessage errors={assignForm.errors} success={assign.message} />
                <input {...getInputProps(assignFields.intent, { type: "hidden" })} key={assignFields.intent.key} />
                <SelectField
                  meta={assignFields.userId}
                  label="Assign attorney or paralegal"
                  placeholder="Choose a person"
                  options={staffOptions
                    .filter((s) => !assignedIds.has(s.id))
                    .map((s) => ({ value: s.id, label: `${s.name} (${s.role === "ATTORNEY" ? "attorney" : "paralegal"})` }))}
                />
                <button type="submit" className="button">
                  Assign
                </button>
              </Form>
            </section>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
