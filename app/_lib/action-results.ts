import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
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

/**
 * Runs one change with the user's input for a page: bad input comes back on its fields; a refusal
 * comes back with the input kept. A save refused as stale also refreshes the page, so the user
 * sees the other person's change beside their own unsaved input and can save again on purpose.
 */
export async function runChange<S extends z.ZodType>(
  page: string,
  values: Record<string, string>,
  schema: S,
  change: (input: z.infer<S>) => Promise<unknown>,
  ok: string,
  /** The summary over field errors, in the page's language. */
  checkFields?: string,
): Promise<FormState> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values, checkFields);
  try {
    await change(parsed.data);
  } catch (error) {
    if (error instanceof StaleVersionError) revalidatePath(page, "page");
    return refused(error, values);
  }
  revalidatePath(page, "page");
  return { ok };
}
