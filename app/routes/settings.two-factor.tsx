import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { ZTwoFactorSettings } from "~/auth/two-factor-schemas";
import { disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes, twoFactorSettings } from "~/auth/two-factor.server";
import { Field, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, readForm } from "~/utils/http.server";
import { refundRateLimit, retryAfterHeaders, retryAfterText, takeRateLimit, withRetryAfter } from "~/utils/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Two-factor authentication · Passage" }];

// The page carries the enrolment secret or freshly issued recovery codes: never cache it.
const NO_STORE = { "Cache-Control": "no-store" };
export const headers: HeadersFunction = (args) => ({ ...NO_STORE, ...retryAfterHeaders(args) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ settings: await twoFactorSettings(user) }, { headers: NO_STORE });
}

type Intent = "enable" | "regenerate" | "disable";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await readForm(request), ZTwoFactorSettings);
  if (!parsed.ok) return parsed.response;
  const { intent, code } = parsed.value;
  const actor = auditActor(user, request);
  // Wrong codes here count with wrong codes at login: a session left open must not allow guessing codes.
  const limit = await takeRateLimit([{ policy: "twoFactorPerAccount", key: user.id }]);
  if (!limit.ok) {
    const message = `Too many wrong codes. For your security, try again in ${retryAfterText(limit.retryAfterSeconds)}.`;
    return withRetryAfter(rejectForm(parsed.submission, { field: "code", message }, 429), limit);
  }
  const result =
    intent === "enable"
      ? await enableTwoFactor(user.id, code, actor)
      : intent === "regenerate"
        ? await regenerateRecoveryCodes(user.id, code, actor)
        : await disableTwoFactor(user.id, code, actor);
  // Only a wrong code counts; "already on" and the like do not.
  if (result.ok || result.status !== 400) await refundRateLimit(limit);
  if (!result.ok) return rejectForm(parsed.submission, { field: "code", message: result.message }, result.status);
  return json(
    {
      result: parsed.submission.reply({ resetForm: true }),
      done: intent as Intent,
      recoveryCodes: result.value?.recoveryCodes ?? null,
    },
    { headers: NO_STORE },
  );
}

function CodeForm({ intent, label, button, danger, lastResult }: { intent: Intent; label: string; button: string; danger?: boolean; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: `two-factor-${intent}`,
    lastResult,
    constraint: getZodConstraint(ZTwoFactorSettings),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZTwoFactorSettings }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormMessage errors={form.errors} />
      <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} value={intent} />
      <Field meta={fields.code} label={label} autoComplete="one-time-code" hint="6 digits; a new code appears every 30 seconds." />
      <button type="submit" className={danger ? "button button-danger" : "button"}>
        {button}
      </button>
    </Form>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const text = `Passage recovery codes\nEach code works once. Keep them somewhere safe.\n\n${codes.join("\n")}\n`;
  return (
    <div className="notice notice-info" role="status">
      <h2>Your recovery codes</h2>
      <p>
        If you lose your phone, log in with one of these codes instead of an authenticator code. Each works once. Save them now: <strong>they are shown only this once</strong>.
      </p>
      <ul aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a className="button button-secondary" href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="passage-recovery-codes.txt">
          Download as .txt
        </a>
      </p>
    </div>
  );
}

export default function TwoFactorSettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const done = actionData && "done" in actionData ? (actionData as unknown as { done: Intent; recoveryCodes: string[] | null }) : null;
  const failedIntent = actionData && !done ? (actionData.result.initialValue?.intent as Intent | undefined) : undefined;
  const resultFor = (intent: Intent) => (failedIntent === intent ? actionData?.result : undefined);

  return (
    <section className="card narrow" aria-labelledby="two-factor-title">
      <h1 id="two-factor-title">Two-factor authentication</h1>
      {done?.recoveryCodes ? <RecoveryCodes codes={done.recoveryCodes} /> : null}
      {done?.done === "disable" ? <FormMessage success="Two-factor authentication is off." /> : null}

      {settings.enabled ? (
        <>
          <p>
            Two-factor authentication is on. Logging in asks for a code from your authenticator app after your password. You have{" "}
            <strong>{settings.codesLeft}</strong> unused recovery code{settings.codesLeft === 1 ? "" : "s"}.
          </p>
          {done?.recoveryCodes ? (
            <p>
              <Link to="/cases">Continue to your cases</Link>
            </p>
          ) : null}
          <p>
            See where your account is signed in on <Link to="/settings/sessions">your sessions page</Link>.
          </p>
          <h2>New recovery codes</h2>
          <p>New codes replace all your earlier ones.</p>
          <CodeForm intent="regenerate" label="Current code from your authenticator app" button="Create new recovery codes" lastResult={resultFor("regenerate")} />
          {settings.required ? (
            <p className="hint">Staff accounts must keep two-factor authentication on.</p>
          ) : (
            <>
              <h2>Turn off two-factor authentication</h2>
              <CodeForm intent="disable" label="Current code to turn it off" button="Turn off two-factor authentication" danger lastResult={resultFor("disable")} />
            </>
          )}
        </>
      ) : (
        <>
          {settings.required ? (
            <div className="notice notice-info" role="status">
              Staff accounts need two-factor authentication. Set it up to continue using Passage.
            </div>
          ) : (
            <p>Protect your account with a code from an authenticator app on your phone, asked for after your password.</p>
          )}
          <h2>1. Add Passage to your authenticator app</h2>
          <p>Scan this QR code with an app such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis.</p>
          <img src={settings.qrCodeDataUri} alt="QR code to add Passage to your authenticator app" width={200} height={200} />
          <p>
            Cannot scan it? Enter this key in the app instead: <code>{settings.secret.match(/.{1,4}/g)!.join(" ")}</code>
          </p>
          <h2>2. Enter the code the app shows</h2>
          <CodeForm intent="enable" label="6-digit code" button="Turn on two-factor authentication" lastResult={resultFor("enable")} />
        </>
      )}
    </section>
  );
}
