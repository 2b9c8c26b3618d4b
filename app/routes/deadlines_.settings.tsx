import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { FormMessage } from "~/components/forms";
import { formatDate } from "~/components/status-badge";
import { getEnv } from "~/env.server";
import { getTaskConfig } from "~/tasks/config.server";
import { createFeedToken, feedPath, getDeadlineSettings, revokeFeedToken, setTaskReminders } from "~/tasks/feed.server";
import { ZFeedAction, ZReminderSettings } from "~/tasks/schemas";
import { parseForm } from "~/utils/forms.server";
import { auditActor, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Deadline reminders and calendar · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const settings = await getDeadlineSettings(user.id);
  return json({ settings, role: user.role, reminderOffsetsDays: getTaskConfig().reminderOffsetsDays });
}

type ActionData = { result: SubmissionResult<string[]>; intent: string; message?: string; feedUrl?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const formData = await readForm(request);
  const actor = auditActor(user, request);
  if (formData.get("intent") === "reminders") {
    const parsed = parseForm(formData, ZReminderSettings);
    if (!parsed.ok) return parsed.response;
    const { changed } = await setTaskReminders(user.id, parsed.value.reminders, actor);
    return json({ result: parsed.submission.reply(), intent: "reminders", message: changed ? "Saved" : "Nothing changed" });
  }
  const parsed = parseForm(formData, ZFeedAction);
  if (!parsed.ok) return parsed.response;
  if (parsed.value.intent === "feed-revoke") {
    await revokeFeedToken(user.id, actor);
    return json({ result: parsed.submission.reply(), intent: "feed-revoke", message: "The calendar feed is off: its address no longer works." });
  }
  const token = await createFeedToken(user.id, actor);
  return json({
    result: parsed.submission.reply(),
    intent: "feed-create",
    message: "Copy the address now: Passage keeps only a fingerprint of it and cannot show it again.",
    feedUrl: new URL(feedPath(token), getEnv().APP_URL).toString(),
  });
}

export default function DeadlineSettingsPage() {
  const { settings, role, reminderOffsetsDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [form, fields] = useForm({
    id: "task-reminders",
    lastResult: actionData?.intent === "reminders" ? actionData.result : undefined,
    constraint: getZodConstraint(ZReminderSettings),
    defaultValue: { intent: "reminders", reminders: settings.reminders },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZReminderSettings }),
  });
  const { key: remindersKey, ...remindersProps } = getInputProps(fields.reminders, { type: "checkbox", ariaDescribedBy: "reminders-hint" });
  const staff = role !== "APPLICANT";
  const days = reminderOffsetsDays.filter((d) => d > 0).join(" and ");
  const feedUrl = actionData?.intent === "feed-create" ? actionData.feedUrl : undefined;
  return (
    <section className="stack narrow" aria-labelledby="deadline-settings-title">
      <p>
        <Link to="/deadlines">← Deadlines</Link>
      </p>
      <h1 id="deadline-settings-title">Deadline reminders and calendar</h1>

      <section className="card" aria-labelledby="reminders-title">
        <h2 id="reminders-title">Reminder emails</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormMessage errors={form.errors} success={actionData?.intent === "reminders" ? actionData.message : null} />
          <input type="hidden" name="intent" value="reminders" />
          <div className="field">
            <label htmlFor={fields.reminders.id}>
              <input {...remindersProps} key={remindersKey} /> Email me before deadlines
            </label>
            <p id="reminders-hint" className="hint">
              {staff ? "For items you are responsible for" : "For dates your legal team shared with you"}: {days ? `${days} days before, and ` : ""}on the morning of the
              day. The email names only the case reference, the kind of deadline and the date.
            </p>
          </div>
          <button type="submit" className="button">
            Save
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="feed-title">
        <h2 id="feed-title">Calendar feed</h2>
        <p>
          A private address your calendar app (Google Calendar, Apple Calendar, Outlook) checks for your deadlines and keeps up to date: add it as a calendar
          &quot;from URL&quot; or &quot;subscription&quot;.
        </p>
        <p className="notice notice-info">
          Your calendar provider keeps a copy of what the feed shows, so it shows as little as possible: the kind of each deadline (&quot;Biometrics
          appointment&quot;), the firm&apos;s case reference and the date. No names, titles, notes, receipt numbers or A-numbers. Anyone who has the address
          can read it: keep it private, and make a new one if it may have leaked (the old one stops working at once).
        </p>
        <FormMessage success={actionData?.intent?.startsWith("feed") ? actionData.message : null} />
        {feedUrl ? (
          <div className="stack">
            <div className="field">
              <label htmlFor="feed-url">{staff ? "Items assigned to you" : "Your deadlines"}</label>
              <input id="feed-url" type="text" readOnly value={feedUrl} />
            </div>
            {staff ? (
              <div className="field">
                <label htmlFor="feed-url-all">Everything on your cases (also what colleagues are responsible for)</label>
                <input id="feed-url-all" type="text" readOnly value={`${feedUrl}?scope=all`} />
              </div>
            ) : null}
          </div>
        ) : settings.feed ? (
          <p>
            Your feed is on since {formatDate(settings.feed.createdAt)}
            {settings.feed.lastUsedAt ? `; a calendar last read it on ${formatDate(settings.feed.lastUsedAt)}` : "; no calendar has read it yet"}.
          </p>
        ) : (
          <p>You have no calendar feed.</p>
        )}
        <div className="actions">
          <Form method="post">
            <button type="submit" name="intent" value="feed-create" className="button">
              {settings.feed || feedUrl ? "Make a new address (the old one stops working)" : "Make my feed address"}
            </button>
          </Form>
          {settings.feed || feedUrl ? (
            <Form method="post">
              <button type="submit" name="intent" value="feed-revoke" className="button button-secondary">
                Turn the feed off
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </section>
  );
}
