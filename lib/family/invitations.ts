import { IdSchema } from "@/lib/validation";
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { familyInvitations, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { scopeDetails, scopeShape, someScope } from "./scopes";
import { newInvitationToken } from "./token";

export { INVITATION_HOURS } from "./token";
export const InvitationIdSchema = IdSchema;

export function invitationSchema(t: Messages) {
  return z
    .object({
      email: z
        .email({ error: t.family.errors.email })
        .max(254)
        .transform((v) => v.toLowerCase()),
      relationship: z
        .string({ error: t.family.errors.relationship })
        .trim()
        .min(2, { error: t.family.errors.relationship })
        .max(60, { error: t.errors.tooLong(60) }),
      ...scopeShape,
    })
    .refine(someScope, {
      error: t.family.errors.scope,
      path: ["canViewTimeline"],
    });
}
export type InvitationInput = z.infer<ReturnType<typeof invitationSchema>>;

/**
 * Invites a family member or caregiver: a one-time link for them to set their password. The link
 * is returned to show the patient (no mail server here); only its hash is kept.
 */
export async function inviteFamily(
  actor: Actor,
  patientId: string,
  input: InvitationInput,
  locale: Locale,
  t: Messages,
): Promise<string> {
  await authorizePatient(actor, "manage:family:portal", patientId);
  const { token, tokenHash, expiresAt } = newInvitationToken();
  await db().transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (taken) throw new DomainError(t.family.errors.emailTaken, { email: [t.family.errors.emailTaken] });
    // A new invitation to the same person replaces the one still open.
    await tx
      .update(familyInvitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(familyInvitations.patientId, patientId),
          eq(familyInvitations.email, input.email),
          isNull(familyInvitations.acceptedAt),
          isNull(familyInvitations.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(familyInvitations)
      .values({
        ...input,
        patientId,
        locale,
        tokenHash,
        invitedBy: actor.userId,
        expiresAt,
      })
      .returning({ id: familyInvitations.id });
    await recordAudit(tx, actor, {
      action: "family.invite",
      patientId,
      entityType: "family_invitation",
      entityId: row!.id,
      details: scopeDetails(input),
    });
  });
  return token;
}

/** Withdraws an invitation not yet used (open or expired): its link stops working. */
export async function withdrawInvitation(
  actor: Actor,
  patientId: string,
  invitationId: string,
): Promise<void> {
  await authorizePatient(actor, "manage:family:portal", patientId);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .update(familyInvitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(familyInvitations.id, invitationId),
          eq(familyInvitations.patientId, patientId),
          isNull(familyInvitations.acceptedAt),
          isNull(familyInvitations.revokedAt),
        ),
      )
      .returning({ id: familyInvitations.id });
    if (!row) throw new NotFoundError();
    await recordAudit(tx, actor, {
      action: "family.invite-withdraw",
      patientId,
      entityType: "family_invitation",
      entityId: invitationId,
    });
  });
}
