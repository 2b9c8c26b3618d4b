import { useState } from "react";
import { countryOptions } from "~/questionnaires/countries";
import { ADDRESS_FIELDS, rowFieldName, type FieldErrors } from "~/questionnaires/engine";
import type { AddressValue, AnswerValue, GroupQuestion, Language, Question, ScalarQuestion } from "~/questionnaires/template-types";
import { t } from "~/questionnaires/ui-text";

type FieldProps = {
  question: Question;
  name: string;
  value: AnswerValue | undefined;
  language: Language;
  errors: FieldErrors;
  disabled: boolean;
};

function ErrorText({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-errors" role="alert">
      {message}
    </p>
  );
}

const INPUT_TYPES: Partial<Record<ScalarQuestion["type"], string>> = { date: "date", email: "email", phone: "tel", number: "number" };
const AUTOCOMPLETE: Partial<Record<ScalarQuestion["type"], string>> = { email: "email", phone: "tel" };

function ScalarInput({ question, name, value, language, errors, disabled }: FieldProps & { question: ScalarQuestion }) {
  const error = errors[name]?.[language];
  const describedBy = [question.help ? `${name}-help` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = { id: name, name, disabled, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, required: question.required };
  const text = typeof value === "string" ? value : "";
  if (question.type === "yesno") {
    return (
      <div role="radiogroup" aria-labelledby={`${name}-label`} aria-describedby={describedBy} className="choice-row">
        {([true, false] as const).map((option) => (
          <label key={String(option)} className="choice">
            <input type="radio" name={name} value={option ? "yes" : "no"} defaultChecked={value === option} disabled={disabled} />{" "}
            {t(option ? "yes" : "no", language)}
          </label>
        ))}
      </div>
    );
  }
  if (question.type === "choice" || question.type === "country") {
    const options =
      question.type === "country" ? countryOptions(language) : (question.options ?? []).map((o) => ({ value: o.value, label: o.label[language] }));
    return (
      <select {...common} defaultValue={text}>
        <option value="">{t("choose", language)}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  if (question.type === "textarea") return <textarea {...common} rows={4} defaultValue={text} maxLength={question.maxLength ?? 2000} />;
  return (
    <input
      {...common}
      type={INPUT_TYPES[question.type] ?? "text"}
      defaultValue={text}
      autoComplete={AUTOCOMPLETE[question.type] ?? "off"}
      inputMode={question.type === "ssn" || question.type === "a-number" ? "numeric" : undefined}
    />
  );
}

function AddressInputs({ name, value, language, errors, disabled }: Omit<FieldProps, "question">) {
  const address = (value && typeof value === "object" && !Array.isArray(value) ? value : {}) as Partial<AddressValue>;
  return (
    <div className="address-fields">
      {ADDRESS_FIELDS.map((field) => {
        const fieldName = `${name}.${field}`;
        const error = errors[fieldName]?.[language];
        return (
          <div className="field" key={field}>
            <label htmlFor={fieldName}>{t(field, language)}</label>
            {field === "country" ? (
              <select id={fieldName} name={fieldName} defaultValue={address.country ?? ""} disabled={disabled} aria-invalid={error ? true : undefined}>
                <option value="">{t("choose", language)}</option>
                {countryOptions(language).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={fieldName}
                name={fieldName}
                defaultValue={address[field] ?? ""}
                disabled={disabled}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${fieldName}-error` : undefined}
              />
            )}
            <ErrorText id={`${fieldName}-error`} message={error} />
          </div>
        );
      })}
    </div>
  );
}

function GroupInputs({ question, value, language, errors, disabled }: FieldProps & { question: GroupQuestion }) {
  const initial = Array.isArray(value) ? value : [];
  // Stable ids keep each row's inputs attached to the right row when one in the middle is removed.
  const [rows, setRows] = useState(() => [...initial, {}].map((row, i) => ({ id: i, row })));
  const [nextId, setNextId] = useState(rows.length);
  return (
    <div className="group-rows">
      {rows.map(({ id, row }, index) => (
        <fieldset key={id} className="group-row">
          <legend>
            {t("row", language)} {index + 1}
          </legend>
          {question.questions.map((inner) => (
            <QuestionField
              key={inner.key}
              question={inner}
              name={rowFieldName(question.key, index, inner.key)}
              value={(row as Record<string, AnswerValue>)[inner.key]}
              language={language}
              errors={errors}
              disabled={disabled}
            />
          ))}
          {!disabled && rows.length > 1 ? (
            <button type="button" className="button button-small button-secondary" onClick={() => setRows(rows.filter((r) => r.id !== id))}>
              {t("removeRow", language)}
            </button>
          ) : null}
        </fieldset>
      ))}
      {!disabled && rows.length < question.maxRows ? (
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={() => {
            setRows([...rows, { id: nextId, row: {} }]);
            setNextId(nextId + 1);
          }}
        >
          {t("addRow", language)}
        </button>
      ) : null}
    </div>
  );
}

/** One question in the applicant's language, with its help text and errors next to it. */
export function QuestionField(props: FieldProps) {
  const { question, name, language, errors } = props;
  const error = errors[name]?.[language];
  const label = (
    <>
      {question.label[language]}
      {question.required ? null : <span className="muted"> ({t("optional", language)})</span>}
    </>
  );
  const help = question.help ? (
    <p id={`${name}-help`} className="hint">
      {question.help[language]}
    </p>
  ) : null;
  if (question.type === "group" || question.type === "address" || question.type === "yesno") {
    return (
      <fieldset className="question" data-question={name}>
        <legend id={`${name}-label`}>{label}</legend>
        {help}
        {question.type === "group" ? <GroupInputs {...props} question={question} /> : null}
        {question.type === "address" ? <AddressInputs {...props} /> : null}
        {question.type === "yesno" ? <ScalarInput {...props} question={question} /> : null}
        <ErrorText id={`${name}-error`} message={error} />
      </fieldset>
    );
  }
  return (
    <div className="field question" data-question={name}>
      <label htmlFor={name} id={`${name}-label`}>
        {label}
      </label>
      {help}
      <ScalarInput {...props} question={question} />
      <ErrorText id={`${name}-error`} message={error} />
    </div>
  );
}
