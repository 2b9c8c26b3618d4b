import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { ErrorList, Field, FormMessage } from "~/components/forms";
import { formatDate } from "~/components/status-badge";
import { newsletterPage, sendNewsletter, sendTestNewsletter } from "~/newsletter/newsletter.server";
import { BODY_MAX, ZNewsletterAction } from "~/newsletter/schemas";
import { NEWSLETTER_CONSENT } from "~/reminders/schemas";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Newsletter · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ ...(await newsletterPage()), consent: NEWSLETTER_CONSENT });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = parseForm(await readForm(request), ZNewsletterAction);
  if (!parsed.ok) return parsed.response;
  const input = parsed.value;
  const result =
    input.intent === "test"
      ? await sendTestNewsletter(admin, input)
      : await sendNewsletter(admin, { subject: input.subject, body: input.body, sendKey: input.sendKey }, auditActor(admin, request));
  if (!result.ok) return rejectForm(parsed.submission, result, result.status);
  return json({ result: parsed.submission.reply({ resetForm: input.intent === "send" }), message: result.message });
}

const people = (count: number) => (count === 1 ? "1 person" : `${count.toLocaleString("en-US")} people`);

export default function AdminNewsletter() {
  const { audience, newsletters, consent, sendKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; message?: string } | undefined;
  const [form, fields] = useForm({
    id: "newsletter",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZNewsletterAction),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZNewsletterAction }),
  });
  const { key: bodyKey, ...bodyProps } = getTextareaProps(fields.body, { ariaDescribedBy: `${fields.body.id}-hint` });
  const { key: confirmKey, ...confirmProps } = getInputProps(fields.confirm, { type: "checkbox" });
  return (
    <section className="stack" aria-labelledby="newsletter-title">
      <h1 id="newsletter-title">Newsletter</h1>
      <div className="card">
        <p>
          <strong data-testid="newsletter-audience">{people(audience)}</strong> will get a newsletter sent now: every account that opted in on its{" "}
          <Link to="/settings/notifications">notification settings</Link> and confirmed its email address. People who only signed up for status alerts
          never get it. Each newsletter says why the person gets it and has a one-click unsubscribe link.
        </p>
        <p>What they agreed to ({consent.version}):</p>
        <blockquote>{consent.text}</blockquote>
      </div>

      <div className="card">
        <h2>Write a newsletter</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormMessage errors={[...(form.errors ?? []), ...(fields.intent.errors ?? [])]} success={actionData?.message} />
          <input type="hidden" name="sendKey" value={sendKey} />
          <Field meta={fields.subject} label="Subject" />
          <div className="field">
            <label htmlFor={fields.body.id}>Newsletter</label>
            <p id={`${fields.body.id}-hint`} className="hint">
              Plain text, up to {BODY_MAX.toLocaleString("en-US")} characters. Leave a blank line between paragraphs.
            </p>
            <textarea key={bodyKey} rows={14} {...bodyProps} />
            <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.confirm.id}>
              <input key={confirmKey} {...confirmProps} /> Send to {people(audience)} who opted in
            </label>
            <ErrorList id={fields.confirm.errorId} errors={fields.confirm.errors} />
          </div>
          <div className="toolbar">
            <button type="submit" name="intent" value="test" className="button button-secondary">
              Send me a test
            </button>
            <button type="submit" name="intent" value="send" className="button">
              Send newsletter
            </button>
          </div>
        </Form>
      </div>

      <h2>Sent newsletters</h2>
      {newsletters.length === 0 ? (
        <p>No newsletter has been sent yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Subject</th>
                <th scope="col">Recipients</th>
                <th scope="col">Sent by</th>
              </tr>
            </thead>
            <tbody>
              {newsletters.map((n) => (
                <tr key={n.id}>
                  <td>{formatDate(n.createdAt)}</td>
                  <td>{n.subject}</td>
                  <td>{n.recipients.toLocaleString("en-US")}</td>
                  <td>{n.sentBy?.name ?? "A deleted account"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
