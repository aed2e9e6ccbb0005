import { IdSchema } from "@/lib/validation";
import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { familyInvitations, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { hashToken } from "./token";

/** How long an invitation link works. */
export const INVITATION_HOURS = 72;
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
      canViewTimeline: z
        .literal("on")
        .optional()
        .transform((v) => v === "on"),
      canRaiseConcerns: z
        .literal("on")
        .optional()
        .transform((v) => v === "on"),
      canViewRequests: z
        .literal("on")
        .optional()
        .transform((v) => v === "on"),
    })
    .refine((v) => v.canViewTimeline || v.canRaiseConcerns || v.canViewRequests, {
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
  const token = randomBytes(32).toString("base64url");
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
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_HOURS * 3_600_000),
      })
      .returning({ id: familyInvitations.id });
    await recordAudit(tx, actor, {
      action: "family.invite",
      patientId,
      entityType: "family_invitation",
      entityId: row!.id,
      details: {
        timeline: input.canViewTimeline,
        concerns: input.canRaiseConcerns,
        requests: input.canViewRequests,
      },
    });
  });
  return token;
}

/** Withdraws an invitation not yet used: its link stops working. */
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
