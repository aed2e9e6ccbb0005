import "server-only";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { familyAccessGrants, familyInvitations, users } from "@/db/schema";
import { type Actor, authorizePatient } from "@/lib/authz";

export interface FamilyMember {
  grantId: string;
  name: string;
  email: string;
  relationship: string;
  canViewTimeline: boolean;
  canRaiseConcerns: boolean;
  canViewRequests: boolean;
  grantedAt: Date;
}

export interface PendingInvitation {
  id: string;
  email: string;
  relationship: string;
  canViewTimeline: boolean;
  canRaiseConcerns: boolean;
  canViewRequests: boolean;
  expiresAt: Date;
}

export interface FamilyPage {
  members: FamilyMember[];
  pending: PendingInvitation[];
}

/** Who the patient shares their care with, and the invitations still open. */
export async function getFamilyPage(actor: Actor, patientId: string): Promise<FamilyPage> {
  await authorizePatient(actor, "manage:family:portal", patientId);
  const database = db();
  const [members, pending] = await Promise.all([
    database
      .select({
        grantId: familyAccessGrants.id,
        name: users.name,
        email: users.email,
        relationship: familyAccessGrants.relationship,
        canViewTimeline: familyAccessGrants.canViewTimeline,
        canRaiseConcerns: familyAccessGrants.canRaiseConcerns,
        canViewRequests: familyAccessGrants.canViewRequests,
        grantedAt: familyAccessGrants.grantedAt,
      })
      .from(familyAccessGrants)
      .innerJoin(users, eq(users.id, familyAccessGrants.familyUserId))
      .where(and(eq(familyAccessGrants.patientId, patientId), isNull(familyAccessGrants.revokedAt)))
      .orderBy(desc(familyAccessGrants.grantedAt)),
    database
      .select({
        id: familyInvitations.id,
        email: familyInvitations.email,
        relationship: familyInvitations.relationship,
        canViewTimeline: familyInvitations.canViewTimeline,
        canRaiseConcerns: familyInvitations.canRaiseConcerns,
        canViewRequests: familyInvitations.canViewRequests,
        expiresAt: familyInvitations.expiresAt,
      })
      .from(familyInvitations)
      .where(
        and(
          eq(familyInvitations.patientId, patientId),
          isNull(familyInvitations.acceptedAt),
          isNull(familyInvitations.revokedAt),
          gt(familyInvitations.expiresAt, sql`now()`),
        ),
      )
      .orderBy(desc(familyInvitations.createdAt)),
  ]);
  return { members, pending };
}
