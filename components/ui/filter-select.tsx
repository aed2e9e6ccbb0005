import type { ReactNode } from "react";

const controlClass = "mt-1 block rounded border border-slate-400 bg-white px-3 py-2";

/** A GET filter form, in a search landmark: its fields sit in one row and wrap on a narrow screen. */
export function FilterForm({
  action,
  className = "mb-6",
  children,
}: {
  action?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <search className={className}>
      <form method="get" action={action} className="flex flex-wrap items-end gap-3">
        {children}
      </form>
    </search>
  );
}

/** A labelled select for a GET filter form, "All" (or `allLabel`) first. */
export function FilterSelect({
  name,
  id = `filter-${name}`,
  label,
  value,
  options,
  allLabel = "All",
}: {
  name: string;
  id?: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  allLabel?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={controlClass}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled text, search or date input for a GET filter form. */
export function FilterInput({
  name,
  id = name,
  label,
  value,
  type = "text",
  hint,
  className,
}: {
  name: string;
  id?: string;
  label: string;
  value: string | undefined;
  type?: "text" | "search" | "date";
  hint?: string;
  className?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
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
        defaultValue={value ?? ""}
        aria-describedby={hintId}
        className={`${controlClass}${className ? ` ${className}` : ""}`}
      />
    </div>
  );
}
