/**
 * Published updates to the first 30 patients, in plain words, and a draft still in progress for
 * the demo patient, so the editor has one to pick up.
 */
import type { Transaction } from "../client";
import { patientUpdates } from "../schema";
import { DAY_MS } from "./support";

const UPDATES = [
  {
    title: "Your first week at home",
    progress:
      "You are walking a little further each day and your pain is under control. The home nurse is happy with how the wound is healing.",
    nextSteps: "Physiotherapy starts Tuesday. Your follow-up visit with Dr. Park is next Thursday at 10 am.",
    resources: "Medical van for rides to appointments: (413) 555-0100, book two days ahead.",
  },
  {
    title: "Treatment plan is set",
    progress:
      "Your chemotherapy calendar is ready and shared with you. Transport is booked for the first three infusions.",
    nextSteps: "Meet the dietitian before the second cycle. Bring your medicine list to every visit.",
    resources: "Financial counselling: Pioneer Valley Cancer Center, (413) 555-0140.",
  },
  {
    title: "Good progress with your sugar log",
    progress:
      "You kept your blood sugar log 6 days out of 7 this week. Well done: this helps Dr. Whitfield adjust your plan.",
    nextSteps: "Diabetes education class on Wednesday evening. Keep walking after lunch.",
    resources: null,
  },
];

/** Published updates for the first patients (the demo patient also has a draft in progress). */
export async function seedUpdates(
  tx: Transaction,
  patientsList: { id: string }[],
  coordinators: { id: string }[],
) {
  const now = Date.now();
  const rows: (typeof patientUpdates.$inferInsert)[] = patientsList.slice(0, 30).map((p, i) => {
    const at = new Date(now - (2 + (i % 9)) * DAY_MS);
    const author = coordinators[i % coordinators.length]!.id;
    return {
      patientId: p.id,
      authorId: author,
      updatedBy: author,
      ...UPDATES[i === 0 ? 0 : i % UPDATES.length]!,
      status: "published" as const,
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
      version: 2,
    };
  });
  rows.push({
    patientId: patientsList[0]!.id,
    authorId: coordinators[0]!.id,
    updatedBy: coordinators[0]!.id,
    title: "Two weeks home",
    progress: "You have not needed the emergency number once, and the swelling in your legs is down.",
    nextSteps: "Blood test next week to check the new water tablet.",
    resources: null,
  });
  await tx.insert(patientUpdates).values(rows);
}
