import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { webauthnCredentials } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { authorizeGlobal } from "@/lib/authz";
import type { Actor } from "@/lib/authz/actor";
import { allowsGlobal } from "@/lib/authz/policy";
import { unusedRecoveryCodes } from "./recovery-codes";
import { organisationSecurity, secondFactors } from "./requirement";

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface SecurityOverview {
  totp: boolean;
  passkeys: number;
  passkeyList: PasskeyView[];
  recoveryCodesLeft: number;
  /** Does the organisation require a second factor of this person? */
  required: boolean;
}

/** What one's own security page shows: which factors are on and how many codes are left. */
export async function securityOverview(actor: Actor, via: "staff" | "portal"): Promise<SecurityOverview> {
  await authorizeGlobal(actor, via === "staff" ? "manage:ownSecurity:staff" : "manage:ownSecurity:portal");
  const database = db();
  const [factors, left, org, passkeyList] = await Promise.all([
    secondFactors(database, actor.userId),
    unusedRecoveryCodes(database, actor.userId),
    organisationSecurity(database),
    database
      .select({
        id: webauthnCredentials.id,
        name: webauthnCredentials.name,
        createdAt: webauthnCredentials.createdAt,
        lastUsedAt: webauthnCredentials.lastUsedAt,
      })
      .from(webauthnCredentials)
      .where(eq(webauthnCredentials.userId, actor.userId))
      .orderBy(webauthnCredentials.createdAt),
  ]);
  await recordAudit(database, actor, {
    action: "user.security-read",
    entityType: "user",
    entityId: actor.userId,
  });
  return {
    ...factors,
    passkeyList,
    recoveryCodesLeft: left,
    required: allowsGlobal(actor.role, "bound:secondFactorRequirement") && org.secondFactorRequiredForStaff,
  };
}

/** For the admin's page of one person: which second factors they have (nothing secret). */
export async function secondFactorStatus(
  admin: Actor,
  userId: string,
): Promise<{ totp: boolean; passkeys: number; recoveryCodesLeft: number }> {
  await authorizeGlobal(admin, "reset:secondFactor");
  const database = db();
  const [factors, left] = await Promise.all([
    secondFactors(database, userId),
    unusedRecoveryCodes(database, userId),
  ]);
  return { ...factors, recoveryCodesLeft: left };
}

/** Which factors one has, for the page that asks for one (no audit: it shows no record). */
export async function ownFactors(actor: Actor): Promise<{ totp: boolean; passkeys: number }> {
  await authorizeGlobal(actor, "manage:ownSecurity");
  return secondFactors(db(), actor.userId);
}
