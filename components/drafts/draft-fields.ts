/**
 * Reading and putting back a form's fields for a draft, from the DOM: the forms are uncontrolled,
 * so what the person typed is only there. Never a password, a file, a hidden field (but the
 * record's version, see seenVersions) or a field marked `data-secret` (a one-time code, say).
 */
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const NEVER = new Set(["password", "file", "hidden", "submit", "button", "reset", "image"]);

function controls(form: HTMLFormElement): Control[] {
  return Array.from(form.elements).filter(
    (el): el is Control =>
      (el instanceof HTMLInputElement ||
        el instanceof HTMLTextAreaElement ||
        el instanceof HTMLSelectElement) &&
      el.name !== "" &&
      !el.disabled &&
      !(el instanceof HTMLInputElement && NEVER.has(el.type)) &&
      el.closest("[data-secret]") === null &&
      !/^(one-time-code|cc-)/.test(el.autocomplete),
  );
}

const isBox = (el: Control): el is HTMLInputElement =>
  el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio");

function defaultOf(select: HTMLSelectElement): string {
  const options = Array.from(select.options);
  return (options.find((o) => o.defaultSelected) ?? options[0])?.value ?? "";
}

/**
 * What differs from what the page showed: only that is kept, so that putting a draft back never
 * overwrites with an old copy a value someone else has changed since.
 */
export function changedFields(form: HTMLFormElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const el of controls(form)) {
    if (isBox(el)) {
      if (el.checked !== el.defaultChecked) fields[`${el.name}=${el.value}`] = el.checked ? "1" : "0";
    } else if (el instanceof HTMLSelectElement) {
      if (el.value !== defaultOf(el)) fields[el.name] = el.value;
    } else if (el.value !== el.defaultValue) {
      fields[el.name] = el.value;
    }
  }
  return fields;
}

/** Puts a draft's values back into the fields that are still there; returns whether any was. */
export function applyFields(form: HTMLFormElement, fields: Record<string, string>): boolean {
  let applied = false;
  for (const el of controls(form)) {
    if (isBox(el)) {
      const box = fields[`${el.name}=${el.value}`];
      if (box === undefined) continue;
      el.checked = box === "1";
      applied = true;
      continue;
    }
    const value = fields[el.name];
    if (value === undefined) continue;
    if (el instanceof HTMLSelectElement && !Array.from(el.options).some((o) => o.value === value)) continue;
    el.value = value;
    applied = true;
  }
  return applied;
}

/**
 * The record versions the form was loaded with (hidden "version" fields, the optimistic lock).
 * A draft put back carries them too, so that a save over someone else's newer change is refused
 * with the person's text kept, as it would have been without the time-out.
 */
export function seenVersions(form: HTMLFormElement): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const el of Array.from(
    form.querySelectorAll<HTMLInputElement>('input[type="hidden"][name="version"]'),
  ))
    versions[el.name] = el.value;
  return versions;
}

export function applyVersions(form: HTMLFormElement, versions: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(versions ?? {}))
    for (const el of Array.from(
      form.querySelectorAll<HTMLInputElement>(`input[type="hidden"][name="${name}"]`),
    ))
      el.value = value;
}

/** A short, stable name for a form's shape, for its storage key. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
