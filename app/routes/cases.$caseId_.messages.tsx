import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { Field, FormMessage, TextareaField } from "~/components/forms";
import { AttachmentPicker } from "~/messages/attachments";
import { attachableDocuments, caseThreads, startThread } from "~/messages/messages.server";
import { ThreadList } from "~/messages/thread-list";
import { ZInboxPage, ZStartThread } from "~/messages/schemas";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Messages · ${data?.case.reference ?? "Case"} · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const { page } = ZInboxPage.parse(Object.fromEntries(new URL(request.url).searchParams));
  const view = await caseThreads(user, params.caseId, page, auditActor(user, request));
  return json({ ...view, documents: await attachableDocuments(user, view.case.id), isClient: user.role === "APPLICANT" });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const parsed = parseForm(await readForm(request), ZStartThread);
  if (!parsed.ok) return parsed.response;
  const started = await startThread(user, params.caseId, parsed.value, auditActor(user, request));
  if (!started.ok) return rejectForm(parsed.submission, { field: started.field, message: started.message });
  return redirect(`/cases/${params.caseId}/messages/${started.threadId}#message-${started.messageId}`);
}

export default function CaseMessagesPage() {
  const { case: c, threads, page, pageCount, isClient, documents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]> } | undefined;
  const [form, fields] = useForm({
    id: "start-thread",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZStartThread),
    defaultValue: { intent: "start" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZStartThread }),
  });
  return (
    <section className="stack" aria-labelledby="messages-title">
      <p>
        <Link to={`/cases/${c.id}`}>← {c.reference}</Link>
      </p>
      <header>
        <h1 id="messages-title">Messages</h1>
        <p className="muted">
          {c.title} · {isClient ? "Secure conversations with your legal team." : "Secure conversations with the client. Internal notes inside a conversation are for staff only."}
        </p>
      </header>
      <ThreadList threads={threads} showCase={false} page={page} pageCount={pageCount} basePath={`/cases/${c.id}/messages`} />
      <section className="card" aria-labelledby="start-title">
        <h2 id="start-title">Start a conversation</h2>
        <p className="hint">{isClient ? "Your legal team is notified by email, without the text of your message." : "The client is notified by email, without the text of your message."}</p>
        <Form method="post" {...getFormProps(form)}>
          <FormMessage errors={form.errors} />
          <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
          <Field meta={fields.subject} label="Subject" />
          <TextareaField meta={fields.body} label="Message" rows={6} />
          <AttachmentPicker meta={fields.documentIds} documents={documents} caseId={c.id} />
          <button type="submit" className="button">
            Send message
          </button>
        </Form>
      </section>
    </section>
  );
}
