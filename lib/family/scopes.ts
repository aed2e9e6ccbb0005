import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { familyAccessGrants } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import type { Messages } from "@/lib/i18n/messages";

/** The four things a patient may share, one checkbox each; the form's names are the columns'. */
export const SCOPE_FIELDS = ["canViewTimeline", "canRaiseConcerns", "canViewRequests", "canMessage"] as const;
export type FamilyScopes = Record<(typeof SCOPE_FIELDS)[number], boolean>;

const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

/** The checkboxes, shared by the invitation and the change of an existing grant. */
export const scopeShape = {
  canViewTimeline: checkbox,
  canRaiseConcerns: checkbox,
  canViewRequests: checkbox,
  canMessage: checkbox,
};

export const someScope = (v: FamilyScopes) => SCOPE_FIELDS.some((field) => v[field]);

/** What a family member may do, changed by the patient: at least one thing, or stop sharing. */
export function grantScopesSchema(t: Messages) {
  return z
    .object(scopeShape)
    .refine(someScope, { error: t.family.errors.scopeChange, path: ["canViewTimeline"] });
}

/** The scopes in an audit event's details, by short name. */
export const scopeList = (v: FamilyScopes) =>
  Object.entries(scopeDetails(v))
    .filter(([, on]) => on)
    .map(([name]) => name);

/** The scopes as an invitation's audit details: each one, on or off. */
export const scopeDetails = (v: FamilyScopes) => ({
  timeline: v.canViewTimeline,
  concerns: v.canRaiseConcerns,
  requests: v.canViewRequests,
  messages: v.canMessage,
});

/** Changes what a family member may see and do; it takes effect on their next request. */
export async function changeFamilyScopes(
  actor: Actor,
  patientId: string,
  grantId: string,
  input: FamilyScopes,
): Promise<void> {
  await authorizePatient(actor, "manage:family:portal", patientId);
  await db().transaction(async (tx) => {
    const mine = and(
      eq(familyAccessGrants.id, grantId),
      eq(familyAccessGrants.patientId, patientId),
      isNull(familyAccessGrants.revokedAt),
    );
    const [before] = await tx
      .select({
        canViewTimeline: familyAccessGrants.canViewTimeline,
        canRaiseConcerns: familyAccessGrants.canRaiseConcerns,
        canViewRequests: familyAccessGrants.canViewRequests,
        canMessage: familyAccessGrants.canMessage,
      })
      .from(familyAccessGrants)
      .where(mine)
      .for("update");
    if (!before) throw new NotFoundError();
    const scopes = Object.fromEntries(SCOPE_FIELDS.map((f) => [f, input[f]])) as FamilyScopes;
    await tx.update(familyAccessGrants).set(scopes).where(mine);
    await recordAudit(tx, actor, {
      action: "family.scopes-change",
      patientId,
      entityType: "family_access_grant",
      entityId: grantId,
      details: { before: scopeList(before), after: scopeList(scopes) },
    });
  });
}
