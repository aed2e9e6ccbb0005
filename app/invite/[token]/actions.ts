"use server";

import { notFound, redirect } from "next/navigation";
import { type FormState, formValues, invalid, refused } from "@/app/_lib/action-results";
import { acceptInvitation, acceptSchema, getInvitation } from "@/lib/family";
import { MESSAGES } from "@/lib/i18n/messages";
import { TokenSchema } from "./token";

/** Sets the invitee's name and password from a one-time link; no session is needed or made. */
export async function acceptInvitationAction(
  token: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsedToken = TokenSchema.safeParse(token);
  if (!parsedToken.success) notFound();
  const state = await getInvitation(parsedToken.data);
  const t = MESSAGES[state.status === "unknown" ? "en" : state.locale];
  const values = formValues(formData, ["name"]);
  const parsed = acceptSchema(t).safeParse({ ...values, password: formData.get("password") });
  if (!parsed.success) return invalid(parsed.error, values, t.errors.checkFields);
  try {
    await acceptInvitation(parsedToken.data, parsed.data, t);
  } catch (error) {
    return refused(error, values);
  }
  redirect(`/invite/${parsedToken.data}?done=1`);
}
