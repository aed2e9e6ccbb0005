import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db/client";
import { caseloadAssignments, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { patientIdByMrn } from "./patient-by-mrn";
import type { AssignCaseloadSchema } from "./schemas";

/** Puts a patient in a coordinator's or advocate's caseload. */
export async function assignCaseload(
  actor: Actor,
  userId: string,
  input: z.infer<typeof AssignCaseloadSchema>,
): Promise<void> {
  await authorizeGlobal(actor, "manage:users");
  await db().transaction(async (tx) => {
    const [staff] = await tx
      .select({ role: users.role, active: users.active })
      .from(users)
      .where(eq(users.id, userId));
    if (!staff) throw new NotFoundError();
    if (staff.role !== "coordinator" && staff.role !== "advocate") {
      throw new DomainError("Only coordinators and advocates have caseloads.");
    }
    const patientId = await patientIdByMrn(tx, input.patientMrn);
    const [already] = await tx
      .select({ id: caseloadAssignments.id })
      .from(caseloadAssignments)
      .where(
        and(
          eq(caseloadAssignments.staffUserId, userId),
          eq(caseloadAssignments.patientId, patientId),
          isNull(caseloadAssignments.endedAt),
        ),
      );
    if (already) {
      throw new DomainError("That patient is already in this caseload.", {
        patientMrn: ["That patient is already in this caseload."],
      });
    }
    if (input.primary) {
      // One primary coordinator and one primary advocate per patient: the old one stays, as secondary.
      await tx
        .update(caseloadAssignments)
        .set({ isPrimary: false })
        .where(
          and(
            eq(caseloadAssignments.patientId, patientId),
            eq(caseloadAssignments.kind, staff.role),
            eq(caseloadAssignments.isPrimary, true),
            isNull(caseloadAssignments.endedAt),
          ),
        );
    }
    const [created] = await tx
      .insert(caseloadAssignments)
      .values({
        staffUserId: userId,
        patientId,
        kind: staff.role,
        isPrimary: input.primary,
        assignedBy: actor.userId,
      })
      .returning({ id: caseloadAssignments.id });
    await recordAudit(tx, actor, {
      action: "caseload.assign",
      patientId,
      entityType: "caseload_assignment",
      entityId: created!.id,
      details: { staffUserId: userId, primary: input.primary },
    });
  });
}

/** Takes a patient out of a caseload; the assignment is ended, never deleted. */
export async function endCaseloadAssignment(actor: Actor, assignmentId: string): Promise<void> {
  await authorizeGlobal(actor, "manage:users");
  await db().transaction(async (tx) => {
    const ended = await tx
      .update(caseloadAssignments)
      .set({ endedAt: sql`now()`, endedBy: actor.userId, isPrimary: false })
      .where(and(eq(caseloadAssignments.id, assignmentId), isNull(caseloadAssignments.endedAt)))
      .returning({ patientId: caseloadAssignments.patientId, staffUserId: caseloadAssignments.staffUserId });
    const row = ended[0];
    if (!row) throw new NotFoundError();
    await recordAudit(tx, actor, {
      action: "caseload.end",
      patientId: row.patientId,
      entityType: "caseload_assignment",
      entityId: assignmentId,
      details: { staffUserId: row.staffUserId },
    });
  });
}
