import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { caseloadAssignments, users } from "@/db/schema";

/**
 * The coordinators and advocates assigned to the patient now, active accounts only. Reads no
 * policy: callers have authorised the actor for this patient (care-plan owners, who hears of a
 * patient's message).
 */
export function unsafeCaseloadStaff(executor: Executor, patientId: string) {
  return executor
    .select({ id: users.id, name: users.name, email: users.email, kind: caseloadAssignments.kind })
    .from(caseloadAssignments)
    .innerJoin(users, eq(users.id, caseloadAssignments.staffUserId))
    .where(
      and(
        eq(caseloadAssignments.patientId, patientId),
        isNull(caseloadAssignments.endedAt),
        eq(users.active, true),
      ),
    )
    .orderBy(asc(caseloadAssignments.kind), asc(users.name));
}
