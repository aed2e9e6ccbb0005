/**
 * The representation log: what advocates asked of insurers, providers and employers on the first
 * 36 patients' behalf, with follow-ups spread around today (some due this week, one overdue).
 */
import type { Transaction } from "../client";
import { advocacyInteractions } from "../schema";
import { isoDay, plusDays } from "./support";

const INTERACTIONS: readonly Omit<
  typeof advocacyInteractions.$inferInsert,
  "patientId" | "advocateId" | "occurredOn"
>[] = [
  {
    counterpartType: "insurer",
    organisation: "Blue Valley Health Plan",
    contact: "Claims supervisor",
    channel: "phone",
    asked: "Reconsider the denial of the home oxygen claim; the prescription was on file.",
    outcome: "Agreed to reprocess the claim within 10 business days.",
  },
  {
    counterpartType: "provider",
    organisation: "Pioneer Valley Cancer Center",
    contact: "Clinic manager",
    channel: "meeting",
    asked: "Book a Spanish interpreter for every infusion visit.",
    outcome: "Interpreter flag added to the patient's chart.",
  },
  {
    counterpartType: "employer",
    organisation: "Springfield Public Schools, HR",
    contact: null,
    channel: "letter",
    asked: "Intermittent leave for treatment days under FMLA.",
    outcome: null,
  },
];

/** Representation-log entries for the first patients; some follow-ups due this week, one overdue. */
export async function seedAdvocacy(
  tx: Transaction,
  patientsList: { id: string }[],
  advocates: { id: string }[],
) {
  const today = isoDay(new Date());
  await tx.insert(advocacyInteractions).values(
    patientsList.slice(0, 36).map((p, i) => ({
      ...INTERACTIONS[i % INTERACTIONS.length]!,
      patientId: p.id,
      advocateId: advocates[i % advocates.length]!.id,
      occurredOn: plusDays(today, -(3 + (i % 20))),
      followUpOn: i % 4 === 3 ? null : plusDays(today, (i % 9) - 2),
    })),
  );
}
