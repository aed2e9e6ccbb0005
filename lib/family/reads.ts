import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { familyAccessGrants, familyInvitations, users } from "@/db/schema";
import { type Actor, authorizePatient } from "@/lib/authz";
import type { FamilyScopes } from "./scopes";

export interface FamilyMember extends FamilyScopes {
  grantId: string;
  name: string;
  email: string;
  relationship: string;
  grantedAt: Date;
}

/** An invitation not yet used nor withdrawn; an expired one stays listed, to renew or withdraw. */
export interface PendingInvitation extends FamilyScopes {
  id: string;
  email: string;
  relationship: string;
  expiresAt: Date;
  expired: boolean;
}

export interface FamilyPage {
  members: FamilyMember[];
  pending: PendingInvitation[];
}

/** Who the patient shares their care with, and the invitations not yet used. */
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
        canMessage: familyAccessGrants.canMessage,
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
        canMessage: familyInvitations.canMessage,
        expiresAt: familyInvitations.expiresAt,
        // Told by the database clock, the one that stamped the expiry.
        expired: sql<boolean>`${familyInvitations.expiresAt} <= now()`,
      })
      .from(familyInvitations)
      .where(
        and(
          eq(familyInvitations.patientId, patientId),
          isNull(familyInvitations.acceptedAt),
          isNull(familyInvitations.revokedAt),
        ),
      )
      .orderBy(desc(familyInvitations.createdAt))
      .limit(50),
  ]);
  return { members, pending };
}
