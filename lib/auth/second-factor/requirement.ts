import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { organisationSettings, type Role, type SessionStage, webauthnCredentials } from "@/db/schema";
import { allowsGlobal } from "@/lib/authz/policy";
import { hasConfirmedTotp } from "./totp";

export interface OrganisationSecurity {
  secondFactorRequiredForStaff: boolean;
  version: number;
}

/** The organisation's sign-in rules (the migration writes the one row; a missing row means required). */
export async function organisationSecurity(tx: Executor): Promise<OrganisationSecurity> {
  const [row] = await tx
    .select({
      secondFactorRequiredForStaff: organisationSettings.secondFactorRequiredForStaff,
      version: organisationSettings.version,
    })
    .from(organisationSettings)
    .where(eq(organisationSettings.id, true));
  return row ?? { secondFactorRequiredForStaff: true, version: 0 };
}

/** Which second factors a person has: the sign-in page offers these. */
export async function secondFactors(
  tx: Executor,
  userId: string,
): Promise<{ totp: boolean; passkeys: number }> {
  const totp = await hasConfirmedTotp(tx, userId);
  const passkeys = await tx
    .select({ id: webauthnCredentials.id })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId));
  return { totp, passkeys: passkeys.length };
}

/**
 * How far a password gets a person: anyone with a second factor must prove it; staff without one,
 * while the organisation requires it, must enrol one first; everyone else is in.
 */
export async function stageAfterPassword(
  tx: Executor,
  user: { id: string; role: Role },
): Promise<SessionStage> {
  const factors = await secondFactors(tx, user.id);
  if (factors.totp || factors.passkeys > 0) return "second-factor";
  if (!allowsGlobal(user.role, "bound:secondFactorRequirement")) return "full";
  return (await organisationSecurity(tx)).secondFactorRequiredForStaff ? "enrol" : "full";
}
