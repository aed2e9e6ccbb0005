import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { careTeamMembers, caseloadAssignments, users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import type { PlanContent } from "./content";
import type { InterventionInput } from "./schemas";

// The owner list the page offers and the check on save live in one file so that they keep
// asking the same question of the care team and the caseload (the page's statement reads the
// candidates: page-query.ts).

const OWNER_REFUSED = "Choose an owner who is on this patient's care team or assigned to the patient.";

/** Who can own an intervention: the patient's care team and the staff assigned to them now. */
export interface OwnerCandidates {
  team: { id: string; name: string; discipline: string }[];
  staff: { id: string; name: string; kind: string }[];
}

/** The owner list: the candidates, and anyone who already owns an intervention on the plan. */
export function ownerOptions(
  { team, staff }: OwnerCandidates,
  content: PlanContent,
): { value: string; label: string }[] {
  const options = [
    { value: "", label: "Not assigned yet" },
    ...team.map((c) => ({ value: `clinician:${c.id}`, label: `${c.name} (${c.discipline})` })),
    ...staff.map((s) => ({ value: `user:${s.id}`, label: `${s.name} (${s.kind})` })),
  ];
  const offered = new Set(options.map((o) => o.value));
  for (const i of content.interventions) {
    if (i.ownerKey && !offered.has(i.ownerKey)) {
      offered.add(i.ownerKey);
      options.push({ value: i.ownerKey, label: `${i.ownerName} (no longer on the care team)` });
    }
  }
  return options;
}

/** The owner must be on the patient's care team or caseload; an owner already on the item may stay. */
export async function resolveOwner(
  tx: Transaction,
  patientId: string,
  owner: InterventionInput["owner"],
  current: string | null = null,
): Promise<{ ownerClinicianId: string | null; ownerUserId: string | null }> {
  if (!owner) return { ownerClinicianId: null, ownerUserId: null };
  const keep = current === `${owner.type}:${owner.id}`;
  if (owner.type === "clinician") {
    if (!keep) {
      const [member] = await tx
        .select({ id: careTeamMembers.id })
        .from(careTeamMembers)
        .where(
          and(
            eq(careTeamMembers.patientId, patientId),
            eq(careTeamMembers.clinicianId, owner.id),
            isNull(careTeamMembers.archivedAt),
          ),
        )
        .limit(1);
      if (!member) throw new DomainError(OWNER_REFUSED, { owner: [OWNER_REFUSED] });
    }
    return { ownerClinicianId: owner.id, ownerUserId: null };
  }
  if (!keep) {
    const [assigned] = await tx
      .select({ id: caseloadAssignments.id })
      .from(caseloadAssignments)
      .innerJoin(users, eq(users.id, caseloadAssignments.staffUserId))
      .where(
        and(
          eq(caseloadAssignments.patientId, patientId),
          eq(caseloadAssignments.staffUserId, owner.id),
          isNull(caseloadAssignments.endedAt),
          eq(users.active, true),
        ),
      )
      .limit(1);
    if (!assigned) throw new DomainError(OWNER_REFUSED, { owner: [OWNER_REFUSED] });
  }
  return { ownerClinicianId: null, ownerUserId: owner.id };
}
