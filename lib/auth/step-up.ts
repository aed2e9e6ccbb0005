import "server-only";
import { db } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { allowsGlobal, type GlobalPermission, needsStepUp } from "@/lib/authz/policy";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { getSessionCheck } from "./current-user";
import { secondFactors } from "./second-factor/requirement";

/** A sensitive change asked for while the second factor was proven too long ago. */
export class StepUpRequiredError extends DomainError {
  constructor() {
    super("For your security, confirm it's you with your second factor (above), then try again.");
    this.name = "StepUpRequiredError";
  }
}

/**
 * Must this session prove its second factor again before a sensitive change? Yes when it was last
 * proven over STEP_UP_SECONDS ago (or never) and the person has a factor to prove, or signed in
 * through the organisation's provider (then they sign in there again). Otherwise there is nothing
 * to ask: that happens only where the organisation does not require a factor (the demo).
 */
export async function stepUpDue(actor: Actor): Promise<boolean> {
  const check = await getSessionCheck();
  if (!check?.ok || check.actor.sessionId !== actor.sessionId) return true;
  return stepUpDueFor(actor, check.session.secondFactorAt, Date.now(), check.session.authMethod);
}

/** The rule itself, for a session whose second factor was last proven at `provenAt`. */
export async function stepUpDueFor(
  actor: Actor,
  provenAt: Date | null,
  now = Date.now(),
  authMethod: "password" | "sso" = "password",
): Promise<boolean> {
  if (provenAt && now - provenAt.getTime() <= env().STEP_UP_SECONDS * 1000) return false;
  const factors = await secondFactors(db(), actor.userId);
  // A single sign-on session proved its factor at the provider: stale, it signs in there again.
  return factors.totp || factors.passkeys > 0 || authMethod === "sso";
}

export async function requireRecentSecondFactor(actor: Actor): Promise<void> {
  if (await stepUpDue(actor)) throw new StepUpRequiredError();
}

/** Does an action of this power (or one marked `stepUp`) ask for the second factor again? The policy says. */
export function stepUpAsked(access: { stepUp?: true; global?: GlobalPermission }): boolean {
  return access.stepUp === true || (access.global !== undefined && needsStepUp(access.global));
}

/**
 * Should a page show the step-up prompt: due, and (when the page belongs to a power, as the admin
 * pages do) only to those the policy gives it, so the prompt never shows on someone else's 404.
 */
export async function stepUpPromptDue(actor: Actor, power?: GlobalPermission): Promise<boolean> {
  if (power && !allowsGlobal(actor.role, power)) return false;
  return stepUpDue(actor);
}

/** The step-up time in whole minutes, as the prompt says it (never "0 minutes"). */
export function stepUpMinutes(): number {
  return Math.max(1, Math.round(env().STEP_UP_SECONDS / 60));
}
