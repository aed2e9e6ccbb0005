"use server";

import type { EnrolState } from "@/components/security/totp-enrolment";
import { requirePendingSession } from "@/lib/auth/current-user";
import { enrolmentAnswer } from "@/lib/auth/second-factor/enrolment";
import { securityWords } from "@/lib/auth/second-factor/words";

/** Turns on the authenticator app a required enrolment set up, and hands back the recovery codes. */
export async function confirmRequiredEnrolmentAction(
  _prev: EnrolState,
  formData: FormData,
): Promise<EnrolState> {
  const { actor } = await requirePendingSession("enrol");
  return enrolmentAnswer(actor, formData.get("code"), (await securityWords(actor)).w.wrongCode);
}
