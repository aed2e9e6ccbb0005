import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { familyAccessGrants, familyInvitations, patients, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, newPasswordSchema } from "@/lib/auth/password";
import { DomainError } from "@/lib/errors";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { hashToken } from "./token";

export type InvitationState =
  | { status: "open"; email: string; patientName: string; relationship: string; locale: Locale }
  | { status: "expired" | "used" | "withdrawn"; locale: Locale }
  | { status: "unknown" };

async function readInvitation(token: string) {
  const [row] = await db()
    .select({
      id: familyInvitations.id,
      email: familyInvitations.email,
      relationship: familyInvitations.relationship,
      locale: familyInvitations.locale,
      expiresAt: familyInvitations.expiresAt,
      acceptedAt: familyInvitations.acceptedAt,
      revokedAt: familyInvitations.revokedAt,
      patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
    })
    .from(familyInvitations)
    .innerJoin(patients, eq(patients.id, familyInvitations.patientId))
    .where(eq(familyInvitations.tokenHash, hashToken(token)));
  return row;
}

function stateOf(row: Awaited<ReturnType<typeof readInvitation>>): InvitationState {
  if (!row) return { status: "unknown" };
  const locale = row.locale === "es" ? "es" : "en";
  if (row.acceptedAt) return { status: "used", locale };
  if (row.revokedAt) return { status: "withdrawn", locale };
  if (row.expiresAt.getTime() <= Date.now()) return { status: "expired", locale };
  return {
    status: "open",
    email: row.email,
    patientName: row.patientName,
    relationship: row.relationship,
    locale,
  };
}

export function acceptSchema(t: Messages) {
  return z.object({
    name: z
      .string({ error: t.family.errors.name })
      .trim()
      .min(1, { error: t.family.errors.name })
      .max(100, { error: t.errors.tooLong(100) }),
    // The same rules as every password (lib/auth/password.ts), told in the invitee's language.
    password: newPasswordSchema({
      short: t.family.errors.passwordShort,
      long: t.family.errors.passwordLong,
      common: t.family.errors.passwordCommon,
      predictable: t.family.errors.passwordPredictable,
    }),
  });
}

/** What an invitation link leads to, for the page the invitee opens (no session). */
export async function getInvitation(token: string): Promise<InvitationState> {
  return stateOf(await readInvitation(token));
}

/**
 * Sets the invitee's name and password, once: the account and the patient's grant are made in
 * one transaction with the invitation locked, so a link used twice at once makes one account.
 */
export async function acceptInvitation(
  token: string,
  input: { name: string; password: string },
  t: Messages,
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(familyInvitations)
      .where(eq(familyInvitations.tokenHash, hashToken(token)))
      .for("update");
    const state = stateOf(row && { ...row, patientName: "" });
    if (!row || state.status !== "open") throw new DomainError(t.family.invalidLink[state.status]);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email));
    if (taken) throw new DomainError(t.family.errors.emailTaken);
    const [user] = await tx
      .insert(users)
      .values({ email: row.email, name: input.name, role: "family", passwordHash })
      .returning({ id: users.id });
    const [grant] = await tx
      .insert(familyAccessGrants)
      .values({
        patientId: row.patientId,
        familyUserId: user!.id,
        relationship: row.relationship,
        canViewTimeline: row.canViewTimeline,
        canRaiseConcerns: row.canRaiseConcerns,
        canViewRequests: row.canViewRequests,
        canMessage: row.canMessage,
        grantedBy: row.invitedBy,
      })
      .returning({ id: familyAccessGrants.id });
    await tx
      .update(familyInvitations)
      .set({ acceptedAt: sql`now()`, grantId: grant!.id })
      .where(eq(familyInvitations.id, row.id));
    await recordAudit(tx, null, {
      action: "family.invite-accept",
      patientId: row.patientId,
      entityType: "family_access_grant",
      entityId: grant!.id,
      details: { user: user!.id },
    });
  });
}
