/**
 * Who decides when the patient cannot, and the decisions she made: Maria (the demo patient) and
 * the dialysis patient each have an agent and an alternate, an advance directive, code-status
 * wishes in their words and a treatment decision record. Maria's is waiting for her word in the
 * portal; the dialysis patient said hers does not say what she decided, so the coordinators on his
 * caseload see it on his care plan and on "My work".
 */
import { and, eq } from "drizzle-orm";
import type { Transaction } from "../client";
import {
  advanceDirectives,
  careAgents,
  carePlanGoals,
  carePlanInterventions,
  carePlans,
  careWishes,
  careWishVersions,
  decisionPlanLinks,
  decisions,
  decisionVersions,
  patientPreferences,
  patients,
  users,
} from "../schema";
import { DAY_MS, isoDay } from "./support";

/** A one-page PDF ("Advance directive, scanned copy"): what the file check and the download see. */
function scannedPdf(title: string): Buffer {
  const text = `BT /F1 18 Tf 72 720 Td (${title}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) body += `${String(at).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

interface Person {
  id: string;
}

async function seedWhoDecides(
  tx: Transaction,
  patient: Person,
  by: Person,
  people: { agent: [string, string, string]; alternate: [string, string, string] },
  directive: { kind: "health-care-proxy" | "living-will"; signedOn: string; where: string; file: string },
  wishes: { codeStatus: "full-treatment" | "no-cpr"; words: string; language: "en" | "es" },
) {
  const [agentName, agentRelation, agentPhone] = people.agent;
  const [altName, altRelation, altPhone] = people.alternate;
  await tx.insert(careAgents).values([
    {
      patientId: patient.id,
      rank: "agent",
      position: 0,
      name: agentName,
      relationship: agentRelation,
      phone: agentPhone,
      updatedBy: by.id,
    },
    {
      patientId: patient.id,
      rank: "alternate",
      position: 1,
      name: altName,
      relationship: altRelation,
      phone: altPhone,
      updatedBy: by.id,
    },
  ]);
  const content = scannedPdf(directive.file);
  await tx.insert(advanceDirectives).values({
    patientId: patient.id,
    kind: directive.kind,
    signedOn: directive.signedOn,
    originalLocation: directive.where,
    fileName: `${directive.file.toLowerCase().replaceAll(" ", "-")}.pdf`,
    sizeBytes: content.length,
    content,
    recordedBy: by.id,
  });
  await tx.insert(careWishes).values({
    patientId: patient.id,
    codeStatus: wishes.codeStatus,
    inHerWords: wishes.words,
    language: wishes.language,
    updatedBy: by.id,
  });
  await tx.insert(careWishVersions).values({
    patientId: patient.id,
    version: 1,
    changedBy: by.id,
    snapshot: { codeStatus: wishes.codeStatus, inHerWords: wishes.words, language: wishes.language },
  });
}

/** The patient's active plan and its first goal and step, for the links a decision led to. */
async function activePlan(tx: Transaction, patientId: string) {
  const [plan] = await tx
    .select({ id: carePlans.id })
    .from(carePlans)
    .where(and(eq(carePlans.patientId, patientId), eq(carePlans.status, "active")));
  if (!plan) return null;
  const [goal] = await tx
    .select({ id: carePlanGoals.id })
    .from(carePlanGoals)
    .where(eq(carePlanGoals.planId, plan.id))
    .limit(1);
  const [step] = await tx
    .select({ id: carePlanInterventions.id })
    .from(carePlanInterventions)
    .where(eq(carePlanInterventions.planId, plan.id))
    .limit(1);
  return { id: plan.id, goalId: goal?.id ?? null, interventionId: step?.id ?? null };
}

async function whatMatters(tx: Transaction, patientId: string) {
  const [row] = await tx
    .select({ text: patientPreferences.whatMattersMost, version: patientPreferences.version })
    .from(patientPreferences)
    .where(eq(patientPreferences.patientId, patientId));
  return { whatMatters: row?.text ?? null, preferencesVersion: row ? row.version : null };
}

export async function seedDecisions(
  tx: Transaction,
  maria: Person,
  dialysis: Person | undefined,
  advocate: Person,
  coordinator: Person,
) {
  const today = new Date();
  const daysAgo = (n: number) => isoDay(new Date(today.getTime() - n * DAY_MS));
  await seedWhoDecides(
    tx,
    maria,
    advocate,
    {
      agent: ["Lucia Alvarez", "Daughter", "(217) 555-0142"],
      alternate: ["Mateo Alvarez", "Son", "(217) 555-0178"],
    },
    {
      kind: "health-care-proxy",
      signedOn: "2023-05-10",
      where: "Lucia keeps the original; a copy is in the clinic chart.",
      file: "Health care proxy",
    },
    {
      codeStatus: "no-cpr",
      words: "Si mi corazón se detiene, no quiero que me reanimen. Quiero estar en casa con mi familia.",
      language: "es",
    },
  );
  const plan = await activePlan(tx, maria.id);
  const [mariaDecision] = await tx
    .insert(decisions)
    .values({
      patientId: maria.id,
      carePlanId: plan?.id ?? null,
      topic: "Rehabilitation after the hospital: at home or in a skilled nursing facility",
      options: [
        "Rehabilitation at home with visiting physiotherapy",
        "Two weeks in a skilled nursing facility",
      ],
      ...(await whatMatters(tx, maria.id)),
      choiceInHerWords: "Quiero hacer la rehabilitación en casa, con Lucia a mi lado, aunque tarde más.",
      language: "es",
      participants: [
        { kind: "patient", name: "Maria Alvarez" },
        { kind: "family", name: "Lucia Alvarez" },
        { kind: "advocate", name: "Patient advocate" },
        { kind: "clinician", name: "Physiotherapist" },
      ],
      decidedOn: daysAgo(6),
      recordedBy: advocate.id,
      updatedBy: advocate.id,
    })
    .returning();
  await tx
    .insert(decisionVersions)
    .values({ decisionId: mariaDecision!.id, version: 1, changedBy: advocate.id, snapshot: mariaDecision! });
  if (plan)
    await tx.insert(decisionPlanLinks).values(
      [
        plan.goalId
          ? { decisionId: mariaDecision!.id, goalId: plan.goalId, createdBy: coordinator.id }
          : null,
        plan.interventionId
          ? {
              decisionId: mariaDecision!.id,
              interventionId: plan.interventionId,
              createdBy: coordinator.id,
            }
          : null,
      ].filter((l) => l !== null),
    );
  if (!dialysis) return;
  const [who] = await tx
    .select({ given: patients.givenName, family: patients.familyName, sex: patients.sex, userId: users.id })
    .from(patients)
    .leftJoin(users, eq(users.patientId, patients.id))
    .where(eq(patients.id, dialysis.id));
  const spouse = who!.sex === "female" ? ["Robert", "Husband"] : ["Grace", "Wife"];
  const spouseName = `${spouse[0]} ${who!.family}`;
  await seedWhoDecides(
    tx,
    dialysis,
    advocate,
    {
      agent: [spouseName, spouse[1]!, "(217) 555-0190"],
      alternate: [`Daniel ${who!.family}`, "Brother", "(217) 555-0113"],
    },
    {
      kind: "living-will",
      signedOn: "2021-11-02",
      where: "In the lawyer's office; a copy at home in the blue folder.",
      file: "Living will",
    },
    {
      codeStatus: "full-treatment",
      words: "Do everything you can while I can still enjoy my garden.",
      language: "en",
    },
  );
  const [disputed] = await tx
    .insert(decisions)
    .values({
      patientId: dialysis.id,
      carePlanId: (await activePlan(tx, dialysis.id))?.id ?? null,
      topic: "Dialysis or conservative kidney care",
      options: [
        "In-centre haemodialysis three times a week",
        "Home peritoneal dialysis",
        "Conservative kidney care without dialysis",
      ],
      ...(await whatMatters(tx, dialysis.id)),
      choiceInHerWords: "Keep going with in-centre dialysis three times a week.",
      language: "en",
      participants: [
        { kind: "patient", name: `${who!.given} ${who!.family}` },
        { kind: "family", name: spouseName },
        { kind: "clinician", name: "Nephrologist" },
      ],
      decidedOn: daysAgo(20),
      confirmation: "disputed",
      confirmationAt: new Date(today.getTime() - 2 * DAY_MS),
      // Said in the portal by the patient; a patient with no account said it to the advocate.
      confirmationBy: who!.userId ?? advocate.id,
      patientComment: "I said I want to try home dialysis so I can keep my mornings in the garden.",
      recordedBy: coordinator.id,
      updatedBy: coordinator.id,
    })
    .returning();
  await tx
    .insert(decisionVersions)
    .values({ decisionId: disputed!.id, version: 1, changedBy: coordinator.id, snapshot: disputed! });
}
