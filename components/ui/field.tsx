import type { ReactNode } from "react";

interface FieldProps {
  id: string;
  label: string;
  name?: string;
  type?: "text" | "email" | "password" | "date" | "search" | "tel" | "url" | "datetime-local";
  defaultValue?: string;
  error?: string[] | undefined;
  hint?: ReactNode;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  minLength?: number;
  /** The word shown beside a field that may be left empty, in the page's language. */
  optionalLabel?: string;
  /** For a field a client component reads as it is typed. */
  onChange?: React.ChangeEventHandler<HTMLInputElement>;
}

const inputClass =
  "mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";

/** A labelled input with its hint and error tied to it for screen readers. */
export function Field({
  id,
  label,
  name = id,
  type = "text",
  defaultValue,
  error,
  hint,
  optionalLabel = "optional",
  ...rest
}: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error?.length ? `${id}-error` : undefined;
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-medium">
        {label}
        {rest.required ? null : <span className="font-normal text-slate-600"> ({optionalLabel})</span>}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
        {...rest}
      />
      <FieldError id={errorId} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string | undefined; error: string[] | undefined }) {
  if (!id || !error?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-800">
      {error.join(" ")}
    </p>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  name?: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
  error?: string[] | undefined;
  required?: boolean;
}

export function SelectField({
  id,
  label,
  name = id,
  options,
  defaultValue,
  error,
  required,
}: SelectFieldProps) {
  const errorId = error?.length ? `${id}-error` : undefined;
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {/* React applies a select's defaultValue only when it mounts, and a form reset goes back to
          that: a new default (the user's input handed back after a refusal) needs a new element. */}
      <select
        key={defaultValue ?? ""}
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className={inputClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} error={error} />
    </div>
  );
}

export function TextAreaField({
  id,
  label,
  name = id,
  defaultValue,
  error,
  hint,
  required,
  maxLength,
}: Omit<FieldProps, "type" | "autoComplete" | "optionalLabel">) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error?.length ? `${id}-error` : undefined;
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        maxLength={maxLength}
        rows={4}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
      />
      <FieldError id={errorId} error={error} />
    </div>
  );
}
