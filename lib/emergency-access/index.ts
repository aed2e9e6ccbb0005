import "server-only";
import { and, count, desc, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db } from "@/db/client";
import { emergencyAccessGrants, patients, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, allowsGlobal, authorizeGlobal } from "@/lib/authz";
import { env } from "@/lib/env";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Panel } from "@/lib/records/read-panels";
import { listOf } from "@/lib/records/read-together";

export const EmergencyAccessSchema = z.object({
  patientMrn: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{4,20}$/, { error: "Enter the patient's MRN, e.g. CB-100001." }),
  reason: z
    .string()
    .trim()
    .min(10, { error: "Say why you need this record now, in at least 10 characters." })
    .max(1000, { error: "Keep the reason under 1,000 characters." }),
  confirm: z.literal("on", { error: "Confirm that you understand this access is logged and reviewed." }),
});
export type EmergencyAccessInput = z.infer<typeof EmergencyAccessSchema>;

export const ReviewSchema = z.object({
  note: z
    .string()
    .trim()
    .min(3, { error: "Write what you found, e.g. 'Appropriate: covering for a colleague'." })
    .max(1000),
});

/**
 * "Break the glass": grants the actor time-limited access to a patient outside their caseload.
 * The grant, its reason and every read made through it are in the audit trail for the admin.
 */
/** Whether to offer "break the glass" (the page, and the link on the 404 page): staff who may ask for it. */
export function mayRequestEmergencyAccess(actor: Actor | null): boolean {
  return actor !== null && allowsGlobal(actor.role, "request:emergencyAccess");
}

export async function requestEmergencyAccess(
  actor: Actor,
  input: EmergencyAccessInput,
): Promise<{ patientId: string; expiresAt: Date }> {
  await authorizeGlobal(actor, "request:emergencyAccess");
  const minutes = env().EMERGENCY_ACCESS_MINUTES;
  return db().transaction(async (tx) => {
    const [patient] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.mrn, input.patientMrn), isNull(patients.archivedAt)));
    if (!patient) {
      throw new DomainError("No patient has that MRN.", {
        patientMrn: ["No patient has that MRN. Check it and try again."],
      });
    }
    const [grant] = await tx
      .insert(emergencyAccessGrants)
      .values({
        userId: actor.userId,
        patientId: patient.id,
        reason: input.reason,
        expiresAt: sql`now() + make_interval(mins => ${minutes})`,
      })
      .returning({ id: emergencyAccessGrants.id, expiresAt: emergencyAccessGrants.expiresAt });
    await recordAudit(tx, actor, {
      action: "emergency-access.grant",
      patientId: patient.id,
      entityType: "emergency_access_grant",
      entityId: grant!.id,
      details: { minutes },
    });
    return { patientId: patient.id, expiresAt: grant!.expiresAt };
  });
}

export const ReviewListQuerySchema = z.object({
  status: z.enum(["pending", "reviewed", "all"]).default("pending").catch("pending"),
  page: z.coerce.number().int().min(1).max(100000).default(1).catch(1),
});

export interface EmergencyGrantRow {
  id: string;
  userName: string;
  userRole: string;
  patientMrn: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
  reviewedAt: Date | null;
  reviewerName: string | null;
  reviewNote: string | null;
}

const PAGE = 25;
const reviewer = alias(users, "reviewer");

/** The admin's review list of emergency access, oldest unreviewed first. */
export async function listEmergencyGrants(actor: Actor, query: z.infer<typeof ReviewListQuerySchema>) {
  await authorizeGlobal(actor, "review:emergencyAccess");
  const where: SQL | undefined =
    query.status === "pending"
      ? isNull(emergencyAccessGrants.reviewedAt)
      : query.status === "reviewed"
        ? isNotNull(emergencyAccessGrants.reviewedAt)
        : undefined;
  const [rows, totals] = await Promise.all([
    db()
      .select({
        id: emergencyAccessGrants.id,
        userName: users.name,
        userRole: users.role,
        patientMrn: patients.mrn,
        reason: emergencyAccessGrants.reason,
        grantedAt: emergencyAccessGrants.grantedAt,
        expiresAt: emergencyAccessGrants.expiresAt,
        reviewedAt: emergencyAccessGrants.reviewedAt,
        reviewerName: reviewer.name,
        reviewNote: emergencyAccessGrants.reviewNote,
      })
      .from(emergencyAccessGrants)
      .innerJoin(users, eq(users.id, emergencyAccessGrants.userId))
      .innerJoin(patients, eq(patients.id, emergencyAccessGrants.patientId))
      .leftJoin(reviewer, eq(reviewer.id, emergencyAccessGrants.reviewedBy))
      .where(where)
      .orderBy(
        query.status === "pending" ? emergencyAccessGrants.grantedAt : desc(emergencyAccessGrants.grantedAt),
      )
      .limit(PAGE)
      .offset((query.page - 1) * PAGE),
    db().select({ n: count() }).from(emergencyAccessGrants).where(where),
  ]);
  return {
    rows: rows satisfies EmergencyGrantRow[],
    total: totals[0]?.n ?? 0,
    page: query.page,
    pageSize: PAGE,
  };
}

/** Records the admin's review of one emergency access. */
export async function reviewEmergencyGrant(actor: Actor, grantId: string, note: string): Promise<void> {
  await authorizeGlobal(actor, "review:emergencyAccess");
  await db().transaction(async (tx) => {
    const updated = await tx
      .update(emergencyAccessGrants)
      .set({ reviewedAt: sql`now()`, reviewedBy: actor.userId, reviewNote: note })
      .where(and(eq(emergencyAccessGrants.id, grantId), isNull(emergencyAccessGrants.reviewedAt)))
      .returning({ patientId: emergencyAccessGrants.patientId });
    const row = updated[0];
    if (!row) throw new NotFoundError();
    await recordAudit(tx, actor, {
      action: "emergency-access.review",
      patientId: row.patientId,
      entityType: "emergency_access_grant",
      entityId: grantId,
    });
  });
}

/**
 * The actor's own emergency grants that are still running, as a panel of the dashboard's one
 * statement. No read event: each grant was written to the trail when it was given, with its reason.
 */
export function myActiveEmergencyGrantsPanel(actor: Actor): Panel<MyEmergencyGrant[]> {
  const part = listOf(
    {
      patientId: patients.id,
      mrn: patients.mrn,
      givenName: patients.givenName,
      familyName: patients.familyName,
      expiresAt: emergencyAccessGrants.expiresAt,
    },
    (q) =>
      q
        .from(emergencyAccessGrants)
        .innerJoin(patients, eq(patients.id, emergencyAccessGrants.patientId))
        .where(
          and(
            eq(emergencyAccessGrants.userId, actor.userId),
            sql`${emergencyAccessGrants.expiresAt} > now()`,
          ),
        )
        .orderBy(desc(emergencyAccessGrants.expiresAt)),
  );
  return { permission: "request:emergencyAccess", part, audit: () => null };
}

export interface MyEmergencyGrant {
  patientId: string;
  mrn: string;
  givenName: string;
  familyName: string;
  expiresAt: Date;
}
