import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

type InputType = "text" | "email" | "password" | "date" | "search" | "hidden" | "number";

export function Field({
  meta,
  label,
  type = "text",
  hint,
  autoComplete,
}: {
  meta: FieldMetadata<string | number | Date | null | undefined>;
  label: string;
  type?: InputType;
  hint?: ReactNode;
  autoComplete?: string;
}) {
  const { key, ...inputProps } = getInputProps(meta, { type, ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input key={key} {...inputProps} autoComplete={autoComplete} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  placeholder,
}: {
  meta: FieldMetadata<string | null | undefined>;
  label: string;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const { key, ...selectProps } = getSelectProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select key={key} {...selectProps}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({ meta, label, rows = 4 }: { meta: FieldMetadata<string | null | undefined>; label: string; rows?: number }) {
  const { key, ...textareaProps } = getTextareaProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <textarea key={key} rows={rows} {...textareaProps} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function FormMessage({ errors, success }: { errors?: string[]; success?: string | null }) {
  if (errors?.length) {
    return (
      <div className="notice notice-error" role="alert">
        {errors.join(" ")}
      </div>
    );
  }
  if (success) {
    return (
      <div className="notice notice-success" role="status">
        {success}
      </div>
    );
  }
  return null;
}
