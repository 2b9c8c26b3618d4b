import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { Field, FormMessage, SelectField } from "~/components/forms";
import { normaliseReceiptNumber } from "~/status/receipt";
import { ZManageRequest, ZSubscribe } from "~/status/schemas";
import { requestManageLink, requestSubscription } from "~/status/subscriptions.server";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { clientIp, readForm } from "~/utils/http.server";
import { retryAfterHeaders, retryAfterText, takeRateLimit, withRetryAfter } from "~/utils/rate-limit.server";

export const headers: HeadersFunction = retryAfterHeaders;

export const meta: MetaFunction = () => [
  { title: "USCIS case status alerts · Passage" },
  { name: "description", content: "Get an email when the USCIS status of your receipt number changes. Free, confirmed by email, one click to stop." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page; signed-in users may use it too.
  await getSessionUser(request);
  return json({});
}


export async function action({ request }: ActionFunctionArgs) {
  await getSessionUser(request);
  const formData = await readForm(request);
  const ip = clientIp(request);
  if (formData.get("intent") === "manage") {
    const parsed = parseForm(formData, ZManageRequest);
    if (!parsed.ok) return parsed.response;
    const limit = await takeRateLimit([
      { policy: "statusManagePerIp", key: ip },
      { policy: "statusManagePerEmail", key: parsed.value.email },
    ]);
    if (!limit.ok) return withRetryAfter(rejectForm(parsed.submission, { message: `Too many requests. Try again in ${retryAfterText(limit.retryAfterSeconds)}.` }, 429), limit);
    await requestManageLink(parsed.value.email);
    return json({ result: parsed.submission.reply(), intent: "manage" as const, done: true });
  }
  const parsed = parseForm(formData, ZSubscribe);
  if (!parsed.ok) return parsed.response;
  if (parsed.value.website) return json({ result: parsed.submission.reply({ resetForm: true }), intent: "subscribe" as const, done: true });
  const limit = await takeRateLimit([
    { policy: "statusSignupPerIp", key: ip },
    { policy: "statusSignupPerEmail", key: parsed.value.email },
  ]);
  if (!limit.ok) {
    const message = `Too many sign-ups from here. Try again in ${retryAfterText(limit.retryAfterSeconds)}.`;
    return withRetryAfter(rejectForm(parsed.submission, { message }, 429), limit);
  }
  await requestSubscription(parsed.value);
  const normalised = normaliseReceiptNumber(parsed.value.receiptNumber);
  const warning = normalised.ok ? normalised.warning : undefined;
  return json({ result: parsed.submission.reply({ resetForm: true }), intent: "subscribe" as const, done: true, warning });
}

export default function StatusAlerts() {
  const actionData = useActionData<typeof action>() as
    | { result: SubmissionResult<string[]>; intent?: "subscribe" | "manage"; done?: boolean; warning?: string }
    | undefined;
  const manageReply = actionData?.intent === "manage" || actionData?.result?.initialValue?.intent === "manage";
  const [form, fields] = useForm<z.input<typeof ZSubscribe>>({
    id: "status-subscribe",
    lastResult: manageReply ? undefined : actionData?.result,
    constraint: getZodConstraint(ZSubscribe),
    defaultValue: { intent: "subscribe", language: "en" } as never,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZSubscribe }),
  });
  const [manageForm, manageFields] = useForm<z.input<typeof ZManageRequest>>({
    id: "status-manage",
    lastResult: manageReply ? actionData?.result : undefined,
    constraint: getZodConstraint(ZManageRequest),
    defaultValue: { intent: "manage" } as never,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZManageRequest }),
  });
  return (
    <>
      <section className="card narrow" aria-labelledby="alerts-title">
        <h1 id="alerts-title">USCIS case status alerts</h1>
        <p>
          Give your email and the receipt number from your USCIS notice (3 letters and 10 digits, like EAC2190000001). We check
          the status once a day and email you when it changes. Reciba alertas en español eligiendo el idioma.
        </p>
        <FormMessage
          errors={form.errors}
          success={
            actionData?.done && !manageReply
              ? `Check your email: we sent a link to confirm. Nothing is sent until you confirm.${actionData.warning ? ` Note: ${actionData.warning}` : ""}`
              : null
          }
        />
        <Form method="post" {...getFormProps(form)}>
          <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
          <Field meta={fields.email} label="Email" type="email" autoComplete="email" />
          <Field meta={fields.receiptNumber} label="Receipt number" hint="Spaces and dashes are fine; it is 3 letters and 10 digits." autoComplete="off" />
          <SelectField meta={fields.language} label="Language of the alerts" options={[{ value: "en", label: "English" }, { value: "es", label: "Español" }]} />
          <div className="trap" aria-hidden="true">
            <label htmlFor="website">Website</label>
            <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
          <button type="submit" className="button">
            Email me when it changes
          </button>
        </Form>
        <p className="hint">
          We use your address only for these alerts. Every alert has a one-click unsubscribe link. This service reads the public
          USCIS case status; it is not legal advice.
        </p>
      </section>
      <section className="card narrow" aria-labelledby="manage-title">
        <h2 id="manage-title">Manage your alerts</h2>
        <FormMessage
          errors={manageForm.errors}
          success={actionData?.done && manageReply ? "If that address has alerts, we sent it a link to manage them. The link works for 7 days." : null}
        />
        <Form method="post" {...getFormProps(manageForm)}>
          <input {...getInputProps(manageFields.intent, { type: "hidden" })} key={manageFields.intent.key} />
          <Field meta={manageFields.email} label="Email" type="email" autoComplete="email" />
          <button type="submit" className="button secondary">
            Email me a link to manage my alerts
          </button>
        </Form>
      </section>
    </>
  );
}
