import { IdSchema } from "@/lib/validation";
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { familyAccessGrants } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";

export const GrantIdSchema = IdSchema;

/** Ends a family member's access; it takes effect on their next request. */
export async function revokeFamilyAccess(actor: Actor, patientId: string, grantId: string): Promise<void> {
  await authorizePatient(actor, "manage:family:portal", patientId);
  await db().transaction(async (tx) => {
    const [grant] = await tx
      .update(familyAccessGrants)
      .set({ revokedAt: sql`now()`, revokedBy: actor.userId })
      .where(
        and(
          eq(familyAccessGrants.id, grantId),
          eq(familyAccessGrants.patientId, patientId),
          isNull(familyAccessGrants.revokedAt),
        ),
      )
      .returning({ id: familyAccessGrants.id });
    if (!grant) throw new NotFoundError();
    await recordAudit(tx, actor, {
      action: "family.revoke",
      patientId,
      entityType: "family_access_grant",
      entityId: grantId,
    });
  });
}
