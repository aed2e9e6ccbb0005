/**
 * One patient with a long history, as a dialysis patient has: the portal's timeline is measured
 * against it (patient100011@, the README's and the benchmark's "long history" page).
 */
import type { Transaction } from "../client";
import { appointments, patientUpdates } from "../schema";
import { DAY_MS, insertChunked, orgWallTime, utcDayFrom } from "./support";

/**
 * Three sessions a week for two years, before the other appointments' hours (so they never clash
 * with the diary), with a monthly published update.
 */
export async function seedLongHistory(tx: Transaction, patient: { id: string }, coordinator: { id: string }) {
  const today = new Date();
  const rows: (typeof appointments.$inferInsert)[] = [];
  for (let back = 728; back >= 1; back--) {
    const day = utcDayFrom(today, -back);
    if (![1, 3, 5].includes(day.getUTCDay())) continue;
    const start = orgWallTime(day, 5, 30);
    rows.push({
      patientId: patient.id,
      kind: "treatment",
      title: "Dialysis session",
      location: "Springfield Kidney Center, chair 4",
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3_600_000),
      status: back % 29 === 0 ? "no-show" : "completed",
      patientNotes: "Bring your fluid diary.",
      createdBy: coordinator.id,
    });
  }
  await insertChunked(rows, 500, (chunk) => tx.insert(appointments).values(chunk));
  const updates = Array.from({ length: 24 }, (_, m) => {
    const at = new Date(today.getTime() - (m * 30 + 3) * DAY_MS);
    return {
      patientId: patient.id,
      authorId: coordinator.id,
      updatedBy: coordinator.id,
      title: `Dialysis review, month ${24 - m}`,
      progress: "Your blood results are steady and your fluid weight is within target.",
      nextSteps: "Keep to the fluid allowance; next review in a month.",
      status: "published" as const,
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
      version: 2,
    };
  });
  await tx.insert(patientUpdates).values(updates);
}
