import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser, sessionCookie } from "~/auth/session.server";
import { deviceCookie } from "~/auth/sign-in.server";
import { ErrorList, Field, FormMessage } from "~/components/forms";
import { prisma } from "~/db.server";
import { deleteAccount, deletionPlan, heldCasesToken } from "~/privacy/deletion.server";
import { issueExportGrant } from "~/privacy/export.server";
import { needsSecondFactor, reauthenticate } from "~/privacy/reauth.server";
import { ZDeleteAccount, ZExportRequest } from "~/privacy/schemas";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, clientIp, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Your data · Passage" }];

const NO_STORE = { "Cache-Control": "no-store" };
export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [twoFactor, plan] = await Promise.all([needsSecondFactor(user.id), deletionPlan(prisma, user)]);
  return json({ twoFactor, staff: user.role !== "APPLICANT", plan, heldCases: heldCasesToken(plan.heldCases) }, { headers: NO_STORE });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const ip = clientIp(request);
  if (formData.get("intent") === "export") {
    const parsed = parseForm(formData, ZExportRequest);
    if (!parsed.ok) return parsed.response;
    const check = await reauthenticate(user.id, parsed.value, ip);
    if (!check.ok) return rejectForm(parsed.submission, check, check.status);
    const token = await issueExportGrant(user.id, auditActor(user, request));
    return json({ result: parsed.submission.reply({ resetForm: true }), download: `/settings/privacy/export/${token}` }, { headers: NO_STORE });
  }
  const parsed = parseForm(formData, ZDeleteAccount);
  if (!parsed.ok) return parsed.response;
  if (!parsed.value.confirm) return rejectForm(parsed.submission, { field: "confirm", message: "Tick the box to confirm that you want your account deleted" });
  const check = await reauthenticate(user.id, parsed.value, ip);
  if (!check.ok) return rejectForm(parsed.submission, check, check.status);
  const deleted = await deleteAccount(user.id, { heldCasesShown: parsed.value.heldCases }, auditActor(user, request));
  if (!deleted.ok) return rejectForm(parsed.submission, { message: deleted.message }, deleted.status);
  // The browser forgets the session and the device it was remembered as; both rows are already gone.
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookie.serialize("", { maxAge: 0 }));
  headers.append("Set-Cookie", await deviceCookie.serialize("", { maxAge: 0 }));
  return redirect("/privacy?deleted=1", { headers });
}

type ActionData = { result: SubmissionResult<string[]>; download?: string };

function ReauthFields({ password, code, twoFactor }: { password: FieldMetadata<string>; code: FieldMetadata<string | undefined>; twoFactor: boolean }) {
  return (
    <>
      <Field meta={password} label="Your password" type="password" autoComplete="current-password" />
      {twoFactor ? <Field meta={code} label="Code from your authenticator app" autoComplete="one-time-code" hint="6 digits; a new code appears every 30 seconds." /> : null}
    </>
  );
}

function ExportSection({ twoFactor, staff, lastResult, download }: { twoFactor: boolean; staff: boolean; lastResult?: SubmissionResult<string[]>; download?: string }) {
  const [form, fields] = useForm({
    id: "export-data",
    lastResult,
    constraint: getZodConstraint(ZExportRequest),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZExportRequest }),
  });
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Download your data</h2>
      <p>
        A ZIP file with everything Passage holds about you: your account, profile, settings and sign-in sessions, your newsletter consent,{" "}
        {staff ? "your message board posts and the actions recorded under your name" : "your cases with your questionnaire answers and their history, your documents, your messages with the legal team, the notes, deadlines, timeline and USCIS statuses shared with you, your message board posts, status alert subscriptions for your email, and the actions recorded under your name"}
        . {staff ? "Clients' cases belong to the firm and are not part of your own data." : "The legal team's internal notes are not included."}
      </p>
      {download ? (
        <div className="notice notice-success" role="status">
          Your download is ready. The link works once, in the next 10 minutes:{" "}
          <a href={download} download>
            Download my data (ZIP)
          </a>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormMessage errors={form.errors} />
        <input type="hidden" name="intent" value="export" />
        <p className="hint">For your safety, confirm it is you.</p>
        <ReauthFields password={fields.password} code={fields.code} twoFactor={twoFactor} />
        <button type="submit" className="button">
          Prepare my download
        </button>
      </Form>
    </section>
  );
}

function DeleteSection({ twoFactor, plan, heldCases, lastResult }: { twoFactor: boolean; plan: SerializeFrom<typeof loader>["plan"]; heldCases: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "delete-account",
    lastResult,
    constraint: getZodConstraint(ZDeleteAccount),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZDeleteAccount }),
  });
  const { key: confirmKey, ...confirmProps } = getInputProps(fields.confirm, { type: "checkbox" });
  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">Delete your account</h2>
      {plan.blocked ? (
        <div className="notice notice-error" role="alert">
          <p>{plan.blocked.message}</p>
          {plan.blocked.cases.length > 0 ? (
            <ul>
              {plan.blocked.cases.map((c) => (
                <li key={c.id}>
                  {c.reference}: {c.title}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <p>Deleting your account cannot be undone. This is what happens:</p>
      <ul>
        <li>You can no longer sign in. Your password, two-factor settings, sessions, remembered browsers and emailed links are removed.</li>
        <li>Your notification settings, newsletter consent and the status alert subscriptions for your email address are removed.</li>
        <li>
          {plan.boardPosts > 0
            ? `Your ${plan.boardPosts === 1 ? "message board post stays" : `${plan.boardPosts} message board posts stay`} in place, so threads still read in order, but shown as by "Deleted member" and without their text; earlier versions are deleted.`
            : 'On the message boards you are shown as "Deleted member".'}
        </li>
        {plan.deletedCases.length > 0 ? (
          <li>
            {plan.deletedCases.length === 1 ? "This case is deleted with everything on it" : "These cases are deleted with everything on them"} (questionnaires, answers, documents, messages, notes):{" "}
            {plan.deletedCases.map((c) => c.reference).join(", ")}.
          </li>
        ) : null}
        <li>The firm&apos;s audit log keeps its record of what was done, without the network addresses it noted.</li>
        <li>We send a last email to your address to confirm the deletion.</li>
      </ul>
      {plan.heldCases.length > 0 ? (
        <div className="notice notice-info">
          <h3>Cases the firm must keep</h3>
          <p>
            {plan.heldCases.length === 1 ? "This case is" : "These cases are"} still open with an attorney working on {plan.heldCases.length === 1 ? "it" : "them"}. A law firm must keep
            its client files, so {plan.heldCases.length === 1 ? "this case stays" : "these cases stay"} whole: questionnaires, answers, documents, messages and notes, with your name and
            email address as the client. Only your sign-in is removed. Talk to your attorney about the case, or to ask when its records will be deleted.
          </p>
          <ul>
            {plan.heldCases.map((c) => (
              <li key={c.id}>
                {c.reference}: {c.title} (attorney: {c.attorneys.join(", ")})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.keepsName && plan.heldCases.length === 0 ? <p>Your name stays on the firm&apos;s work records (notes, assignments and timelines of cases you worked on).</p> : null}
      {plan.blocked ? null : (
        <Form method="post" {...getFormProps(form)}>
          <FormMessage errors={form.errors} />
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="heldCases" value={heldCases} />
          <ReauthFields password={fields.password} code={fields.code} twoFactor={twoFactor} />
          <div className="field">
            <label htmlFor={fields.confirm.id}>
              <input key={confirmKey} {...confirmProps} /> I understand, delete my account
            </label>
            <ErrorList id={fields.confirm.errorId} errors={fields.confirm.errors} />
          </div>
          <button type="submit" className="button button-danger">
            Delete my account
          </button>
        </Form>
      )}
    </section>
  );
}

export default function PrivacySettingsPage() {
  const { twoFactor, staff, plan, heldCases } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const intent = actionData?.result.initialValue?.intent;
  return (
    <div className="card narrow stack">
      <h1>Your data</h1>
      <p>
        What Passage stores, why, for how long and who can see it is on the <Link to="/privacy">privacy page</Link>.
      </p>
      <ExportSection twoFactor={twoFactor} staff={staff} lastResult={intent === "export" ? actionData?.result : undefined} download={actionData?.download} />
      <DeleteSection twoFactor={twoFactor} plan={plan} heldCases={heldCases} lastResult={intent === "delete" ? actionData?.result : undefined} />
    </div>
  );
}
