import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { PASSPORT_FIELD_LABELS, passportTargets, type AutofillStatus } from "~/mrz/autofill";
import { applyPassportAnswers, scanPassportForQuestionnaire } from "~/mrz/passport-autofill.server";
import { PoolBusy } from "~/mrz/pool.server";
import { SCAN_TEXT, scanProblemText } from "~/mrz/scan-text";
import { readImageUpload } from "~/mrz/upload.server";
import { countryName } from "~/questionnaires/countries";
import { findQuestion } from "~/questionnaires/engine";
import { formatAnswer } from "~/questionnaires/format";
import { getQuestionnaire } from "~/questionnaires/questionnaires.server";
import type { Language } from "~/questionnaires/template-types";
import { t } from "~/questionnaires/ui-text";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Scan passport · Passage" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  const { questionnaire, template, language } = await getQuestionnaire(user, params.questionnaireId, auditActor(user, request));
  const targets = passportTargets(template);
  invariantResponse(targets.length > 0, "This questionnaire has no passport questions.");
  const url = new URL(request.url);
  return json({
    id: questionnaire.id,
    language,
    title: template.title[language],
    targets: targets.map((tgt) => ({ key: tgt.key, label: tgt.label[language] })),
    target: url.searchParams.get("target") ?? targets[0]!.key,
    back: url.searchParams.get("back"),
  });
}

type Row = { field: string; label: string; questionKey: string | null; proposed: string | null; read: string; current: string; status: AutofillStatus; checked: boolean | null; confidence: number };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  const actor = auditActor(user, request);
  const loaded = await getQuestionnaire(user, params.questionnaireId, actor);
  const { template, language } = loaded;
  const contentType = request.headers.get("content-type") ?? "";

  if (!contentType.startsWith("multipart/form-data")) {
    const form = await readForm(request);
    const target = String(form.get("target") ?? "");
    const use = new Set(form.getAll("use").map(String));
    const values = Object.fromEntries([...use].map((key) => [key, String(form.get(`value:${key}`) ?? "")]));
    if (use.size === 0) return json({ stage: "apply" as const, problem: SCAN_TEXT.nothingChosen[language], rows: null, valid: null }, { status: 400 });
    const result = await applyPassportAnswers(user, loaded, target, values, actor);
    if (!result.ok) {
      const problem = Object.entries(result.errors).map(([key, message]) => `${findQuestion(template, key)?.question.label[language] ?? key}: ${message[language]}`).join(" ");
      return json({ stage: "apply" as const, problem, rows: null, valid: null }, { status: 400 });
    }
    return redirect(`/questionnaires/${params.questionnaireId}?filled=${result.saved.length}`);
  }

  const upload = await readImageUpload(request);
  if (!upload.ok) return json({ stage: "scan" as const, problem: scanProblemText(upload.problem, language), rows: null, valid: null }, { status: upload.problem === "too-large" ? 413 : 415 });
  try {
    const outcome = await scanPassportForQuestionnaire(loaded, String(upload.fields.get("target") ?? ""), upload.bytes, actor);
    if (!outcome.ok) return json({ stage: "scan" as const, problem: scanProblemText(outcome.reason, language), rows: null, valid: null }, { status: 422 });
    const rows: Row[] = outcome.rows.map((row) => {
      const question = row.questionKey ? findQuestion(template, row.questionKey)?.question : undefined;
      const isCountry = row.field === "nationality" || row.field === "issuingCountry";
      const show = (value: string | null) => (value === null ? "" : question ? formatAnswer(question, value, language) : isCountry ? countryName(value, language) : value);
      return { ...row, label: PASSPORT_FIELD_LABELS[row.field][language], read: show(row.proposed), current: show(row.current) };
    });
    return json({ stage: "review" as const, problem: null, rows, valid: outcome.valid, target: outcome.target.key });
  } catch (error) {
    if (error instanceof PoolBusy) {
      return json({ stage: "scan" as const, problem: SCAN_TEXT.busy[language], rows: null, valid: null }, { status: 503, headers: { "Retry-After": String(error.retryAfterSeconds) } });
    }
    throw error;
  }
}

const STATUS_CLASS: Record<AutofillStatus, string> = { same: "badge-APPROVED", differs: "badge-DENIED", empty: "badge-INTAKE", unreadable: "badge-WITHDRAWN", "not-asked": "badge-CLOSED" };

function StatusBadge({ status, language }: { status: AutofillStatus; language: Language }) {
  return <span className={`badge ${STATUS_CLASS[status]}`}>{SCAN_TEXT[`status-${status}`][language]}</span>;
}

export default function ScanPassport() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lang = data.language;
  const reading = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const review = actionData?.stage === "review" ? actionData : null;
  return (
    <article className="stack" aria-labelledby="scan-title">
      <p>
        <Link to={data.back ? `/questionnaires/${data.id}/${data.back}` : `/questionnaires/${data.id}`}>← {t("back", lang)}</Link>
      </p>
      <header>
        <h1 id="scan-title">{SCAN_TEXT.title[lang]}</h1>
        <p className="muted">{data.title}</p>
        <p>{SCAN_TEXT.intro[lang]}</p>
      </header>
      {actionData?.problem ? (
        <div className="notice notice-error" role="alert">
          {actionData.problem}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card stack">
        {data.targets.length > 1 ? (
          <div className="field">
            <label htmlFor="target">{SCAN_TEXT.whose[lang]}</label>
            <select id="target" name="target" defaultValue={data.target}>
              {data.targets.map((tgt) => (
                <option key={tgt.key} value={tgt.key}>
                  {tgt.label}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="target" value={data.target} />
        )}
        <div className="field">
          <label htmlFor="image">{SCAN_TEXT.photo[lang]}</label>
          <p id="image-hint" className="hint">
            {SCAN_TEXT.photoHint[lang]}
          </p>
          <input id="image" name="image" type="file" accept="image/jpeg,image/png,image/webp,image/heic,image/heif" capture="environment" required aria-describedby="image-hint" />
        </div>
        <button type="submit" className="button" disabled={reading}>
          {reading ? SCAN_TEXT.reading[lang] : SCAN_TEXT.read[lang]}
        </button>
      </Form>

      {review?.rows ? (
        <Form method="post" className="card stack" aria-labelledby="compare-title">
          <h2 id="compare-title">{SCAN_TEXT.compareTitle[lang]}</h2>
          <p className={review.valid ? "notice notice-info" : "notice notice-error"} role="status">
            {review.valid ? SCAN_TEXT.checksPassed[lang] : SCAN_TEXT.checksFailed[lang]}
          </p>
          <input type="hidden" name="target" value={review.target} />
          <table className="table scan-compare">
            <thead>
              <tr>
                <th scope="col">{SCAN_TEXT.use[lang]}</th>
                <th scope="col">{SCAN_TEXT.field[lang]}</th>
                <th scope="col">{SCAN_TEXT.readValue[lang]}</th>
                <th scope="col">{SCAN_TEXT.yourAnswer[lang]}</th>
                <th scope="col">{SCAN_TEXT.status[lang]}</th>
              </tr>
            </thead>
            <tbody>
              {review.rows.map((row) => {
                const usable = row.questionKey && row.proposed !== null && (row.status === "empty" || row.status === "differs");
                return (
                  <tr key={row.field} data-field={row.field} data-status={row.status} className={row.status === "differs" ? "row-differs" : undefined}>
                    <td>
                      {usable ? (
                        <>
                          <input
                            type="checkbox"
                            name="use"
                            value={row.questionKey!}
                            defaultChecked={row.status === "empty"}
                            aria-label={`${SCAN_TEXT.use[lang]}: ${row.label}`}
                          />
                          <input type="hidden" name={`value:${row.questionKey}`} value={row.proposed!} />
                        </>
                      ) : null}
                    </td>
                    <th scope="row">{row.label}</th>
                    <td>
                      {row.read || "—"}
                      {row.checked === false ? <span className="field-errors"> {SCAN_TEXT.checkFailed[lang]}</span> : null}
                    </td>
                    <td>{row.current || "—"}</td>
                    <td>
                      <StatusBadge status={row.status} language={lang} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="hint">{SCAN_TEXT.confirmHint[lang]}</p>
          <button type="submit" className="button">
            {SCAN_TEXT.apply[lang]}
          </button>
        </Form>
      ) : null}
    </article>
  );
}
