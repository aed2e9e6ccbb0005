import { notFound } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/components/ui/form-state";
import { DomainError, NotFoundError } from "@/lib/errors";

export type { FormState } from "@/components/ui/form-state";

/** The named text fields of a form, to hand back so nothing the user typed is lost. */
export function formValues(formData: FormData, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const v = formData.get(name);
    if (typeof v === "string") values[name] = v;
  }
  return values;
}

export function invalid(error: z.ZodError, values: Record<string, string>): FormState {
  const flat = z.flattenError(error);
  return {
    errors: flat.fieldErrors as Record<string, string[]>,
    message: flat.formErrors[0] ?? "Check the fields marked below.",
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
