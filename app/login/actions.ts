"use server";

import { AuthError } from "next-auth";
import { type FormState, formValues, invalid } from "@/app/_lib/action-results";
import { SignInSchema } from "@/lib/auth/credentials";
import { signIn } from "@/lib/auth/next-auth";

const MESSAGES: Record<string, string> = {
  invalid: "That email and password do not match an account. Check them and try again.",
  locked:
    "Too many attempts. This account is locked for 15 minutes; try again later or ask your administrator.",
  throttled: "Too many attempts from this network. Wait 15 minutes and try again.",
};

/** Signs in with email and password; the same message for an unknown email and a wrong password. */
export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["email"]);
  const parsed = SignInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    // "/" sends each role to its own home page.
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "invalid";
      return { message: MESSAGES[code] ?? MESSAGES.invalid, values };
    }
    throw error; // the redirect after a good sign-in
  }
  return {};
}
