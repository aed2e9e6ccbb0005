import { FieldError } from "./field";

/** One box of a group: its own field name ("on" when ticked, absent when not) and label. */
export interface GroupBox {
  name: string;
  label: string;
  defaultChecked?: boolean;
}

/**
 * Related checkboxes under one legend (a fieldset), so a screen reader says what they choose
 * between before each box's own label: "Emails about, group: Appointment reminders, checkbox".
 * `values` are the form's values handed back after a refused save, which win over the defaults.
 */
export function CheckboxGroup({
  id,
  legend,
  hint,
  boxes,
  values,
  error,
}: {
  id: string;
  legend: string;
  hint?: string;
  boxes: GroupBox[];
  values?: Record<string, string>;
  /** The action's error for the group as a whole ("tick at least one"), keyed by the group's name. */
  error?: string[];
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="mb-4" aria-describedby={describedBy}>
      <legend className="font-medium">{legend}</legend>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="mt-2 space-y-2">
        {boxes.map((box) => (
          <div key={box.name} className="flex items-center gap-2">
            <input
              id={`${id}-${box.name}`}
              name={box.name}
              type="checkbox"
              className="size-5"
              defaultChecked={values ? values[box.name] === "on" : box.defaultChecked}
            />
            <label htmlFor={`${id}-${box.name}`}>{box.label}</label>
          </div>
        ))}
      </div>
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}
