import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { canEditCases } from "~/cases/case-access.server";
import { FormMessage, TextareaField } from "~/components/forms";
import { formatDateTime, MessageText } from "~/messages/message-text";
import { AttachmentList, AttachmentPicker } from "~/messages/attachments";
import { attachableDocuments, openThread, postMessage, unreadMessageCount } from "~/messages/messages.server";
import { ZInternalNote, ZReply } from "~/messages/schemas";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.thread.subject ?? "Conversation"} · Messages · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId && params.threadId, "We could not find that conversation.");
  const view = await openThread(user, params.caseId, params.threadId, auditActor(user, request));
  return json({
    ...view,
    documents: await attachableDocuments(user, view.case.id),
    isStaff: canEditCases(user),
    // Counted after this thread was marked read, for the navigation (app/messages/unread.ts).
    unreadMessagesTotal: await unreadMessageCount(user),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId && params.threadId, "We could not find that conversation.");
  const formData = await readForm(request);
  const internal = formData.get("intent") === "note";
  const parsed = parseForm(formData, internal ? ZInternalNote : ZReply);
  if (!parsed.ok) return parsed.response;
  const documentIds = "documentIds" in parsed.value ? parsed.value.documentIds : [];
  const posted = await postMessage(user, params.caseId, params.threadId, { body: parsed.value.body, internal, documentIds }, auditActor(user, request));
  if (!posted.ok) return rejectForm(parsed.submission, { field: posted.field, message: posted.message });
  // Post/redirect/get: a reload does not send the message twice, with or without JavaScript.
  return redirect(`/cases/${params.caseId}/messages/${params.threadId}#message-${posted.messageId}`);
}

type ActionData = { result: SubmissionResult<string[]> } | undefined;

export default function ThreadPage() {
  const { case: c, thread, messages, isStaff, documents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const noteReply = actionData?.result.initialValue?.intent === "note";
  const lastReplyId = messages.findLast((m) => !m.internal)?.id ?? "none";
  const lastNoteId = messages.findLast((m) => m.internal)?.id ?? "none";
  const [replyForm, replyFields] = useForm({
    id: "reply",
    lastResult: noteReply ? undefined : actionData?.result,
    constraint: getZodConstraint(ZReply),
    defaultValue: { intent: "reply" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZReply }),
  });
  const [noteForm, noteFields] = useForm({
    id: "internal-note",
    lastResult: noteReply ? actionData?.result : undefined,
    constraint: getZodConstraint(ZInternalNote),
    defaultValue: { intent: "note" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZInternalNote }),
  });

  return (
    <article className="stack" aria-labelledby="thread-title">
      <p>
        <Link to={`/cases/${c.id}/messages`}>← Messages on {c.reference}</Link>
      </p>
      <header>
        <h1 id="thread-title">{thread.subject}</h1>
        <p className="muted">{c.title}</p>
      </header>

      <ol className="posts stack" aria-label="Messages, oldest first">
        {messages.map((m) => (
          <li key={m.id} id={`message-${m.id}`} className={`note${m.internal ? " note-staff" : ""}`}>
            <p className="muted">
              {m.internal ? <strong>Internal note · staff only · </strong> : null}
              {m.mine ? "You" : m.authorName}
              {!m.internal ? (m.fromClient ? " (client)" : " (legal team)") : null} · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
              {m.isNew ? <strong> · New</strong> : null}
            </p>
            <MessageText body={m.body} />
            <AttachmentList documents={m.attachments} />
            {m.internal ? null : m.seenBy.length ? (
              <p className="muted receipts">
                {m.seenBy.map((s, i) => (
                  <span key={`${s.name}-${s.readAt}`}>
                    {`${i > 0 ? "; " : ""}Seen by ${s.name} at `}
                    <time dateTime={s.readAt}>{formatDateTime(s.readAt)}</time>
                  </span>
                ))}
              </p>
            ) : m.mine ? (
              <p className="muted receipts">Not seen yet</p>
            ) : null}
          </li>
        ))}
      </ol>

      <section className="card" aria-labelledby="reply-title">
        <h2 id="reply-title">Reply</h2>
        <p className="hint">{isStaff ? "The client sees your reply and is told by email that there is a new message (never its text)." : "Your legal team sees your reply and is told by email that there is a new message (never its text)."}</p>
        {/* Keyed by the newest reply, so a sent reply leaves an empty form rather than a copy to send twice. */}
        <Form method="post" {...getFormProps(replyForm)} key={`reply-${lastReplyId}`}>
          <FormMessage errors={replyForm.errors} />
          <input {...getInputProps(replyFields.intent, { type: "hidden" })} key={replyFields.intent.key} />
          <TextareaField meta={replyFields.body} label="Your reply" rows={5} />
          <AttachmentPicker meta={replyFields.documentIds} documents={documents} caseId={c.id} />
          <button type="submit" className="button">
            Send reply
          </button>
        </Form>
      </section>

      {isStaff ? (
        <section className="card note-staff" aria-labelledby="note-title">
          <h2 id="note-title">Internal note (staff only)</h2>
          <p className="hint">Only the legal team on this case sees internal notes. The client never sees them, and nobody is emailed about them.</p>
          <Form method="post" {...getFormProps(noteForm)} key={`note-${lastNoteId}`}>
            <FormMessage errors={noteForm.errors} />
            <input {...getInputProps(noteFields.intent, { type: "hidden" })} key={noteFields.intent.key} />
            <TextareaField meta={noteFields.body} label="Internal note" rows={3} />
            <button type="submit" className="button button-secondary">
              Add internal note
            </button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
