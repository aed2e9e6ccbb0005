/**
 * The clinician directory and who looks after whom: each patient's care team (clinicians from the
 * directory) and caseload (one coordinator and one advocate, round robin, so caseloads are even).
 */
import type { Transaction } from "../client";
import { careTeamMembers, caseloadAssignments, clinicians } from "../schema";
import type { SeededPatient } from "./patients";
import { insertChunked, type Random } from "./support";

/** Disciplines in the directory, each staffed by two named people. */
const CLINICIANS: readonly [string, string, boolean, readonly [string, string]][] = [
  ["Primary care physician", "Springfield Family Medicine", false, ["Dr. Helen Park", "Dr. Samuel Osei"]],
  ["Oncologist", "Pioneer Valley Cancer Center", false, ["Dr. Laura Brennan", "Dr. Vikram Rao"]],
  ["Cardiologist", "Baystate Heart Associates", false, ["Dr. Ellen Fischer", "Dr. Ibrahim Khalil"]],
  ["Endocrinologist", "Western Mass Diabetes Clinic", false, ["Dr. Nora Whitfield", "Dr. Tomasz Wojcik"]],
  ["Home health nurse", "VNA of Western Massachusetts", false, ["Jordan Ellis, RN", "Ama Boateng, RN"]],
  ["Physical therapist", "Riverbend Rehabilitation", false, ["Terry Adams, PT", "Lena Sorensen, DPT"]],
  ["Social worker", "Carebridge Care Management", true, ["Morgan Lee, LICSW", "Ruth Abernathy, LCSW"]],
  ["Clinical pharmacist", "Carebridge Care Management", true, ["Pat Quinn, PharmD", "Hoang Tran, PharmD"]],
  [
    "Behavioral health counselor",
    "Carebridge Care Management",
    true,
    ["Riley Santos, LMHC", "Naomi Fields, LMHC"],
  ],
];

/** A care-team link: later seeders book visits and name plan owners from it. */
export interface TeamMember {
  patientId: string;
  clinicianId: string;
}

/**
 * The clinician directory: each discipline staffed by a few named people, shared by many patients.
 * Returned in directory order (discipline k's two people at 2k and 2k+1), which the teams rely on.
 */
export async function seedClinicians(tx: Transaction) {
  return tx
    .insert(clinicians)
    .values(
      CLINICIANS.flatMap(([discipline, organisation, internal, names], k) =>
        names.map((name, n) => ({
          name,
          discipline,
          organisation,
          internal,
          phone: `(413) 555-${String(1000 + k * 10 + n).padStart(4, "0")}`,
          email: internal ? `${name.split(/[ ,.]/)[0]!.toLowerCase()}@carebridge.example` : null,
        })),
      ),
    )
    .returning({ id: clinicians.id, name: clinicians.name });
}

/**
 * Two to four clinicians of different disciplines per patient (drawn from the shared stream, after
 * the patients), and the patient's primary coordinator and advocate.
 */
export async function seedCareTeams(
  tx: Transaction,
  rnd: Random,
  patientsList: SeededPatient[],
  directory: { id: string }[],
  staff: { admin: { id: string }; coordinators: { id: string }[]; advocates: { id: string }[] },
): Promise<TeamMember[]> {
  const { admin, coordinators, advocates } = staff;
  const team: TeamMember[] = [];
  const caseload: (typeof caseloadAssignments.$inferInsert)[] = [];
  patientsList.forEach((p, i) => {
    const members = rnd.int(2, 4);
    const used = new Set<number>();
    for (let m = 0; m < members; m++) {
      let k = rnd.int(0, CLINICIANS.length - 1);
      while (used.has(k)) k = (k + 1) % CLINICIANS.length;
      used.add(k);
      team.push({ patientId: p.id, clinicianId: directory[k * 2 + rnd.int(0, 1)]!.id });
    }
    const c = coordinators[i % coordinators.length]!;
    const a = advocates[i % advocates.length]!;
    caseload.push({
      staffUserId: c.id,
      patientId: p.id,
      kind: "coordinator",
      isPrimary: true,
      assignedBy: admin.id,
    });
    caseload.push({
      staffUserId: a.id,
      patientId: p.id,
      kind: "advocate",
      isPrimary: true,
      assignedBy: admin.id,
    });
  });
  await insertChunked(team, 2000, (chunk) => tx.insert(careTeamMembers).values(chunk));
  await insertChunked(caseload, 2000, (chunk) => tx.insert(caseloadAssignments).values(chunk));
  return team;
}
