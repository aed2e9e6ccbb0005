import { revalidatePath } from "next/cache";
import type { FormState } from "@/app/_lib/action-results";
import { type ActionContext, actionAccess } from "@/app/_lib/record-action";
import { getActor } from "@/lib/auth/current-user";
import { securityWords } from "@/lib/auth/second-factor/words";
import { StepUpRequiredError } from "@/lib/auth/step-up";

/** The two pages that show one's own security: staff's and the portal's. */
const PAGES = ["/account/security", "/me/security"];

export function refreshSecurityPages(): void {
  for (const page of PAGES) revalidatePath(page);
}

/**
 * One's own security, with the second factor proven within the step-up time, or the answer that
 * asks for it (the refreshed page shows the prompt). Adding a factor asks too once there is one:
 * a session left open must not add its own key (ADR 013).
 */
export async function ownSecurityAfterStepUp(id?: unknown): Promise<ActionContext | FormState> {
  try {
    // A bound id (a passkey's) is parsed once the caller is known, as every action's is.
    const named = id === undefined ? {} : { id };
    return await actionAccess({ global: "manage:ownSecurity", stepUp: true, ...named });
  } catch (error) {
    if (!(error instanceof StepUpRequiredError)) throw error;
    refreshSecurityPages();
    const actor = await getActor();
    return { message: actor ? (await securityWords(actor)).w.stepUpNeeded : error.message };
  }
}
