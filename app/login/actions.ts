"use server";

import { AuthError } from "next-auth";
import { type FormState, formValues, invalid } from "@/app/_lib/action-results";
import { signInSchema } from "@/lib/auth/credentials";
import { signIn } from "@/lib/auth/next-auth";
import { safeReturnPath } from "@/lib/auth/return-path";
import { signInLocale } from "@/lib/i18n/server";
import { failureMessage, SIGN_IN_WORDS } from "@/lib/i18n/sign-in";

/**
 * Signs in with email and password; the same message for an unknown email and a wrong password,
 * in the sign-in page's language.
 */
export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["email"]);
  const w = SIGN_IN_WORDS[await signInLocale()];
  const parsed = signInSchema(w.fields).safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
  });
  if (!parsed.success) return invalid(parsed.error, values, w.checkFields);
  try {
    // Back to the page the person was on (a path of this site only); else "/", which sends each
    // role to its own home page.
    await signIn("credentials", { ...parsed.data, redirectTo: safeReturnPath(formData.get("next")) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "invalid";
      return { message: failureMessage(w, code), values };
    }
    throw error; // the redirect after a good sign-in
  }
  return {};
}
