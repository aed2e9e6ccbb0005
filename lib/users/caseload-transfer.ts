import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { caseloadAssignments, patients, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal, currentAssignments } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";

/** A caseload moves whole or in part, but never more than this in one step. */
export const TRANSFER_LIMIT = 2000;

/** The transfer form: who takes the patients, and which (the ticked boxes, one id each). */
export const TransferCaseloadSchema = z.object({
  toUserId: z.uuid({ error: "Choose who takes these patients." }),
  patientIds: z
    .string()
    .transform((v) => [...new Set(v.split(/[\s,]+/).filter(Boolean))])
    .pipe(
      z
        .array(z.uuid({ error: "Tick the patients to move from the list." }))
        .min(1, { error: "Tick at least one patient to move." })
        .max(TRANSFER_LIMIT, { error: `Move at most ${TRANSFER_LIMIT} patients at a time.` }),
    ),
});
export type TransferCaseloadInput = z.infer<typeof TransferCaseloadSchema>;

export interface CaseloadTransferForm {
  from: { id: string; name: string; role: "coordinator" | "advocate" };
  caseload: { patientId: string; mrn: string; name: string; isPrimary: boolean }[];
  /** Active staff of the same role who can take the patients. */
  targets: { id: string; name: string; email: string }[];
}

async function caseloadHolder(executor: Executor, userId: string) {
  const [staff] = await executor
    .select({ id: users.id, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  if (!staff || (staff.role !== "coordinator" && staff.role !== "advocate")) throw new NotFoundError();
  return { ...staff, role: staff.role };
}

/** What the admin's transfer form lists: the staff member's caseload and who may take it. */
export async function getCaseloadTransfer(actor: Actor, fromUserId: string): Promise<CaseloadTransferForm> {
  await authorizeGlobal(actor, "manage:users");
  const database = db();
  const from = await caseloadHolder(database, fromUserId);
  const [caseload, targets] = await Promise.all([
    database
      .select({
        patientId: patients.id,
        mrn: patients.mrn,
        givenName: patients.givenName,
        familyName: patients.familyName,
        isPrimary: caseloadAssignments.isPrimary,
      })
      .from(caseloadAssignments)
      .innerJoin(patients, eq(patients.id, caseloadAssignments.patientId))
      .where(currentAssignments(fromUserId))
      .orderBy(asc(patients.familyName), asc(patients.givenName), asc(patients.mrn))
      .limit(TRANSFER_LIMIT),
    database
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.role, from.role), eq(users.active, true), ne(users.id, fromUserId)))
      .orderBy(asc(users.name)),
  ]);
  return {
    from: { id: from.id, name: from.name, role: from.role },
    caseload: caseload.map((c) => ({
      patientId: c.patientId,
      mrn: c.mrn,
      name: `${c.familyName}, ${c.givenName}`,
      isPrimary: c.isPrimary,
    })),
    targets,
  };
}

export interface CaseloadTransferResult {
  toName: string;
  /** Patients given a new assignment with the target. */
  moved: number;
  /** MRNs of patients the target already held: only the old assignment ended for them. */
  alreadyAssigned: string[];
}

/**
 * Moves the chosen patients from one staff member's caseload to another's of the same role, in one
 * transaction: every old assignment ends and every new one starts, or nothing changes. A patient
 * the target already holds keeps that assignment (the one active assignment per pair is a unique
 * key), made primary if the old one was; the result names them. One audit event per patient.
 */
export async function transferCaseload(
  actor: Actor,
  fromUserId: string,
  input: TransferCaseloadInput,
): Promise<CaseloadTransferResult> {
  await authorizeGlobal(actor, "manage:users");
  return db().transaction(async (tx) => {
    const from = await caseloadHolder(tx, fromUserId);
    const [to] = await tx
      .select({ id: users.id, name: users.name, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.id, input.toUserId));
    if (!to || to.id === from.id || to.role !== from.role || !to.active) {
      const message = `Choose an active ${from.role} other than ${from.name}.`;
      throw new DomainError(message, { toUserId: [message] });
    }
    const old = await tx
      .select({
        id: caseloadAssignments.id,
        patientId: caseloadAssignments.patientId,
        isPrimary: caseloadAssignments.isPrimary,
      })
      .from(caseloadAssignments)
      .where(and(currentAssignments(fromUserId), inArray(caseloadAssignments.patientId, input.patientIds)))
      .for("update");
    if (old.length !== input.patientIds.length) {
      const gone = input.patientIds.length - old.length;
      throw new DomainError(
        `${gone} of the ticked patients ${gone === 1 ? "is" : "are"} no longer in ${from.name}'s caseload (someone changed it since the page was drawn). Nothing was moved: reload the page and try again.`,
      );
    }
    const held = await tx
      .select({ id: caseloadAssignments.id, patientId: caseloadAssignments.patientId, mrn: patients.mrn })
      .from(caseloadAssignments)
      .innerJoin(patients, eq(patients.id, caseloadAssignments.patientId))
      .where(and(currentAssignments(to.id), inArray(caseloadAssignments.patientId, input.patientIds)))
      .for("update", { of: caseloadAssignments });
    const heldBy = new Map(held.map((h) => [h.patientId, h]));
    await tx
      .update(caseloadAssignments)
      .set({ endedAt: sql`now()`, endedBy: actor.userId, isPrimary: false })
      .where(
        inArray(
          caseloadAssignments.id,
          old.map((o) => o.id),
        ),
      );
    for (const o of old) {
      const existing = heldBy.get(o.patientId);
      let assignmentId: string;
      if (existing) {
        if (o.isPrimary) {
          await tx
            .update(caseloadAssignments)
            .set({ isPrimary: true })
            .where(eq(caseloadAssignments.id, existing.id));
        }
        assignmentId = existing.id;
      } else {
        const [created] = await tx
          .insert(caseloadAssignments)
          .values({
            staffUserId: to.id,
            patientId: o.patientId,
            kind: from.role,
            isPrimary: o.isPrimary,
            assignedBy: actor.userId,
          })
          .returning({ id: caseloadAssignments.id });
        assignmentId = created!.id;
      }
      await recordAudit(tx, actor, {
        action: "caseload.transfer",
        patientId: o.patientId,
        entityType: "caseload_assignment",
        entityId: assignmentId,
        details: {
          fromStaffUserId: from.id,
          toStaffUserId: to.id,
          endedAssignmentId: o.id,
          primary: o.isPrimary,
          alreadyAssigned: Boolean(existing),
        },
      });
    }
    return {
      toName: to.name,
      moved: old.length - held.length,
      alreadyAssigned: held.map((h) => h.mrn).sort(),
    };
  });
}
