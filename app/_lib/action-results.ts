import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/components/ui/form-state";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { withoutNul } from "@/lib/validation";

export type { FormState } from "@/components/ui/form-state";

/**
 * The named text fields of a form, to hand back so nothing the user typed is lost; a NUL character
 * is dropped (`withoutNul`: left in, a pasted stray byte failed the insert as a server error).
 */
export function formValues(formData: FormData, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const v = formData.get(name);
    if (typeof v === "string") values[name] = withoutNul(v);
  }
  return values;
}

export function invalid(
  error: z.ZodError,
  values: Record<string, string>,
  checkFields = "Check the fields marked below.",
): FormState {
  const flat = z.flattenError(error);
  return {
    errors: flat.fieldErrors as Record<string, string[]>,
    message: flat.formErrors[0] ?? checkFields,
    values,
  };
}

/** Turns a refusal from the domain into form state; "not found or not yours" is a 404. */
export function refused(error: unknown, values: Record<string, string>): FormState {
  if (error instanceof NotFoundError) notFound();
  if (error instanceof DomainError) {
    return { message: error.message, errors: error.fieldErrors, values, details: error.details };
  }
  throw error;
}

/** One form's change, from the values typed to the answer the form shows. */
export interface FormChange<S extends z.ZodType, R> {
  /** The page that shows the record: refreshed after a save, and after a save refused as stale. */
  page?: string;
  /** Other pages that show the record (a worklist, the dashboard), refreshed after a save. */
  also?: readonly string[];
  schema: S;
  change: (input: z.output<S>) => Promise<R>;
  /** What the form says after a save: a sentence, or a whole answer (one with a link). */
  ok?: string | ((result: R, input: z.output<S>, values: Record<string, string>) => string | FormState);
  /** Where to go after a save instead of answering; outside any try, as `redirect` must be. */
  redirect?: (result: R) => string;
  /** The summary over field errors, in the page's language. */
  checkFields?: string;
  /** What a stale save says, in the page's language (the domain's message is in English). */
  stale?: string;
}

/**
 * Runs one change with the user's input for a page: bad input comes back on its fields; a refusal
 * comes back with the input kept. A save refused as stale also refreshes the page, so the user
 * sees the other person's change beside their own unsaved input and can save again on purpose.
 * `input` is what is checked when it holds more than is handed back (a password never is).
 */
export async function saveForm<S extends z.ZodType, R>(
  values: Record<string, string>,
  form: FormChange<S, R>,
  input: Record<string, unknown> = values,
): Promise<FormState> {
  const parsed = form.schema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, values, form.checkFields);
  let result: R;
  try {
    result = await form.change(parsed.data);
  } catch (error) {
    if (error instanceof StaleVersionError) {
      if (form.page) revalidatePath(form.page, "page");
      if (form.stale) return { message: form.stale, values };
    }
    return refused(error, values);
  }
  if (form.page) revalidatePath(form.page, "page");
  for (const path of form.also ?? []) revalidatePath(path);
  if (form.redirect) redirect(form.redirect(result));
  const ok = typeof form.ok === "function" ? form.ok(result, parsed.data, values) : form.ok;
  return typeof ok === "string" ? { ok } : (ok ?? {});
}

/** `saveForm` for a page's form whose values are already read. */
export function runChange<S extends z.ZodType>(
  page: string,
  values: Record<string, string>,
  schema: S,
  change: (input: z.infer<S>) => Promise<unknown>,
  ok: string,
  checkFields?: string,
): Promise<FormState> {
  return saveForm(values, { page, schema, change, ok, checkFields });
}
