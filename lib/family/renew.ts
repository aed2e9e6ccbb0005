import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { familyInvitations, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Messages } from "@/lib/i18n/messages";
import { newInvitationToken } from "./token";

/**
 * Shows an invitation's link again, or renews one that expired: only the link's hash is kept, so
 * either way the invitation gets a new token and a new expiry, and the old link is dead at once
 * (its hash no longer matches any row). Returns the new token, to show the patient.
 */
export async function renewInvitation(
  actor: Actor,
  patientId: string,
  invitationId: string,
  t: Messages,
): Promise<string> {
  await authorizePatient(actor, "manage:family:portal", patientId);
  const { token, tokenHash, expiresAt } = newInvitationToken();
  await db().transaction(async (tx) => {
    // Locked, so a link accepted at this moment is either accepted first (and this finds
    // nothing) or replaced first (and the acceptance finds nothing).
    const mine = and(
      eq(familyInvitations.id, invitationId),
      eq(familyInvitations.patientId, patientId),
      isNull(familyInvitations.acceptedAt),
      isNull(familyInvitations.revokedAt),
    );
    const [row] = await tx
      .select({ email: familyInvitations.email, expiresAt: familyInvitations.expiresAt })
      .from(familyInvitations)
      .where(mine)
      .for("update");
    if (!row) throw new NotFoundError();
    // The person may have made an account another way since: the link could never be used.
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email));
    if (taken) throw new DomainError(t.family.errors.emailTakenRenew);
    await tx.update(familyInvitations).set({ tokenHash, expiresAt }).where(mine);
    await recordAudit(tx, actor, {
      action: "family.invite-renew",
      patientId,
      entityType: "family_invitation",
      entityId: invitationId,
      details: { wasExpired: row.expiresAt.getTime() <= Date.now(), expiresAt: expiresAt.toISOString() },
    });
  });
  return token;
}
