import { CheckboxGroup, type GroupBox } from "@/components/ui/checkbox-group";
import { Field, FieldError, SelectField, TextAreaField } from "@/components/ui/field";

export type FieldSpec =
  | {
      kind: "text" | "email" | "password" | "url" | "date" | "datetime-local";
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
      autoComplete?: string;
      defaultValue?: string;
      /** Never kept in a draft (ADR 015): a code, say. Password fields never are anyway. */
      secret?: boolean;
    }
  | {
      kind: "textarea";
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
      maxLength?: number;
      defaultValue?: string;
    }
  | {
      kind: "select";
      name: string;
      label: string;
      options: { value: string; label: string }[];
      defaultValue?: string;
    }
  | { kind: "checkbox"; name: string; label: string; defaultChecked?: boolean }
  /** A file, optional, checked by its bytes on the server (the action reads it as `secret`); never in a draft. */
  | { kind: "file"; name: string; label: string; hint?: string; accept: string }
  /** A fieldset of boxes, each its own field; `name` keys the group. */
  | { kind: "checkboxes"; name: string; label: string; hint?: string; boxes: GroupBox[] };

/**
 * One field of an ActionForm, labelled, with the action's error tied to it and the value the
 * action handed back (what the person typed) over the page's default.
 */
export function ActionFormField({
  id,
  spec: f,
  values,
  error,
  optionalLabel,
}: {
  id: string;
  spec: FieldSpec;
  values: Record<string, string> | undefined;
  error: string[] | undefined;
  optionalLabel?: string;
}) {
  if (f.kind === "select") {
    return (
      <SelectField
        id={id}
        name={f.name}
        label={f.label}
        options={f.options}
        defaultValue={values?.[f.name] ?? f.defaultValue}
        error={error}
      />
    );
  }
  if (f.kind === "textarea") {
    return (
      <TextAreaField
        id={id}
        name={f.name}
        label={f.label}
        hint={f.hint}
        required={f.required}
        maxLength={f.maxLength}
        defaultValue={values?.[f.name] ?? f.defaultValue}
        error={error}
      />
    );
  }
  if (f.kind === "checkboxes") {
    const { kind: _, name: __, label, ...group } = f;
    return <CheckboxGroup id={id} legend={label} values={values} error={error} {...group} />;
  }
  if (f.kind === "file") {
    const hintId = f.hint ? `${id}-hint` : undefined;
    const errorId = error?.length ? `${id}-error` : undefined;
    return (
      <div className="mb-4">
        <label htmlFor={id} className="block font-medium">
          {f.label} <span className="font-normal text-slate-600">({optionalLabel ?? "optional"})</span>
        </label>
        {f.hint ? (
          <p id={hintId} className="text-sm text-slate-600">
            {f.hint}
          </p>
        ) : null}
        <input
          id={id}
          name={f.name}
          type="file"
          accept={f.accept}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
          className="mt-1 block w-full text-base"
        />
        <FieldError id={errorId} error={error} />
      </div>
    );
  }
  if (f.kind === "checkbox") {
    const errorId = error?.length ? `${id}-error` : undefined;
    return (
      <div className="mb-4">
        <div className="flex items-center gap-2">
          <input
            id={id}
            name={f.name}
            type="checkbox"
            className="size-5"
            defaultChecked={values ? values[f.name] === "on" : f.defaultChecked}
            aria-describedby={errorId}
          />
          <label htmlFor={id}>{f.label}</label>
        </div>
        <FieldError id={errorId} error={error} />
      </div>
    );
  }
  const field = (
    <Field
      id={id}
      name={f.name}
      type={f.kind}
      label={f.label}
      hint={f.hint}
      required={f.required}
      optionalLabel={optionalLabel}
      autoComplete={f.autoComplete ?? (f.kind === "password" ? "new-password" : undefined)}
      defaultValue={f.kind === "password" ? undefined : (values?.[f.name] ?? f.defaultValue)}
      error={error}
    />
  );
  // The draft reader skips anything inside [data-secret] (components/drafts/draft-fields.ts).
  return f.secret ? <div data-secret="">{field}</div> : field;
}
