import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireUser } from "~/auth/session.server";
import { ErrorList, FormMessage, SelectField } from "~/components/forms";
import { formatDate } from "~/components/status-badge";
import { getNotificationSettings, updateNotificationSettings } from "~/reminders/notification-settings.server";
import { NEWSLETTER_CONSENT, ZNotificationSettings } from "~/reminders/schemas";
import { parseForm } from "~/utils/forms.server";
import { auditActor, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Email notifications · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ settings: await getNotificationSettings(user.id), email: user.email });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await readForm(request), ZNotificationSettings);
  if (!parsed.ok) return parsed.response;
  const { changed } = await updateNotificationSettings(user.id, parsed.value, auditActor(user, request));
  return json({ result: parsed.submission.reply(), message: changed.length ? "Settings saved" : "Nothing changed" });
}

function Checkbox({ meta, label, hint }: { meta: FieldMetadata<boolean | undefined>; label: string; hint: ReactNode }) {
  const { key, ...props } = getInputProps(meta, { type: "checkbox", ariaDescribedBy: `${meta.id}-hint` });
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        <input key={key} {...props} /> {label}
      </label>
      <p id={`${meta.id}-hint`} className="hint">
        {hint}
      </p>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export default function NotificationSettingsPage() {
  const { settings, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; message?: string } | undefined;
  const [form, fields] = useForm({
    id: "notifications",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZNotificationSettings),
    defaultValue: {
      statusAlerts: settings.statusAlerts,
      expiryReminders: settings.expiryReminders,
      messages: settings.messages,
      newsletter: settings.newsletter,
      language: settings.language,
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZNotificationSettings }),
  });
  return (
    <section className="card narrow" aria-labelledby="notifications-title">
      <h1 id="notifications-title">Email notifications</h1>
      <p>
        Emails go to <strong>{email}</strong>.
      </p>
      <FormMessage errors={form.errors} success={actionData?.message} />
      <Form method="post" {...getFormProps(form)}>
        <fieldset>
          <legend>About your cases</legend>
          <Checkbox meta={fields.statusAlerts} label="Case status alerts" hint="An email when USCIS changes the status of a case you are part of." />
          <Checkbox
            meta={fields.expiryReminders}
            label="Renewal reminders"
            hint="An email some months and weeks before a passport, visa, I-94 stay, work permit or green card on your cases expires."
          />
          <Checkbox
            meta={fields.messages}
            label="New secure messages"
            hint="An email saying there is a new message on a case, with a link; never the message itself. At most one per conversation until you read it."
          />
        </fieldset>
        <fieldset>
          <legend>Newsletter</legend>
          <Checkbox
            meta={fields.newsletter}
            label="Yes, send me the newsletter"
            hint={
              <>
                {NEWSLETTER_CONSENT.text}
                {settings.newsletterSince ? ` You agreed on ${formatDate(settings.newsletterSince)}.` : ""}
              </>
            }
          />
        </fieldset>
        <SelectField
          meta={fields.language}
          label="Language of emails"
          options={[
            { value: "en", label: "English" },
            { value: "es", label: "Español" },
          ]}
        />
        <button type="submit" className="button">
          Save
        </button>
      </Form>
    </section>
  );
}
