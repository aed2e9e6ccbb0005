/**
 * Concerns (complaints and grievances) for the first 48 patients at every stage, and a confidential
 * one for the demo patient. CONCERN_STORIES is shared with the equity report's history year.
 */
import { randomUUID } from "node:crypto";
import { concernDueDates } from "@/lib/clocks";
import type { Transaction } from "../client";
import { concerns, concernTransitions } from "../schema";
import { DAY_MS, isoDay } from "./support";

export const CONCERN_STORIES: readonly {
  category: (typeof concerns.$inferInsert)["category"];
  severity: (typeof concerns.$inferInsert)["severity"];
  raisedBy: (typeof concerns.$inferInsert)["raisedBy"];
  whatHappened: string;
  desiredOutcome: string;
  aboutDischarge?: boolean;
}[] = [
  {
    category: "communication",
    severity: "medium",
    raisedBy: "patient",
    whatHappened:
      "Waited two weeks for the CT results; nobody called back after three messages to the clinic.",
    desiredOutcome:
      "A call from the doctor to explain the results, and a promise that results are phoned through.",
  },
  {
    category: "access-and-delays",
    severity: "high",
    raisedBy: "family",
    whatHappened: "The physiotherapy referral was lost; the first visit is now five weeks after discharge.",
    desiredOutcome: "An appointment this week.",
  },
  {
    category: "billing-and-insurance",
    severity: "low",
    raisedBy: "patient",
    whatHappened: "Billed twice for the same infusion visit on the statement that came this month.",
    desiredOutcome: "The duplicate charge removed and a corrected statement.",
  },
  {
    category: "quality-of-care",
    severity: "high",
    raisedBy: "family",
    whatHappened: "Sent home the day after surgery while still dizzy; readmitted two days later with a fall.",
    desiredOutcome: "Someone to look at why she was discharged so early.",
    aboutDischarge: true,
  },
  {
    category: "respect-and-discrimination",
    severity: "medium",
    raisedBy: "patient",
    whatHappened:
      "A staff member made remarks about the patient's accent and refused to book an interpreter.",
    desiredOutcome: "An apology and an interpreter at every visit.",
  },
  {
    category: "safety",
    severity: "urgent",
    raisedBy: "advocate",
    whatHappened:
      "Home health nurse did not come for two scheduled wound-care visits; the dressing has not been changed.",
    desiredOutcome: "A nurse visit today and a reliable schedule.",
  },
];

/**
 * Concerns for the first patients, at every stage: some just in, some overdue (one owed an
 * interim notice), some resolved with their written response; the discrimination ones confidential.
 */
export async function seedConcerns(
  tx: Transaction,
  patientsList: { id: string }[],
  advocates: { id: string; name: string }[],
) {
  const now = Date.now();
  const rows: (typeof concerns.$inferInsert)[] = [];
  const moves: (typeof concernTransitions.$inferInsert)[] = [];
  patientsList.slice(0, 48).forEach((p, i) => {
    // Every advocate (i % 3) gets every kind of story.
    const story = CONCERN_STORIES[Math.floor(i / 3) % CONCERN_STORIES.length]!;
    const advocate = advocates[i % advocates.length]!;
    const receivedAt = new Date(now - ((i * 37) % 20) * DAY_MS - (i % 7) * 3_600_000);
    const stage = i % 5; // 0 open, 1 acknowledged, 2 in review, 3 resolved, 4 closed
    const status = (["open", "acknowledged", "in-review", "resolved", "closed"] as const)[stage];
    const due = concernDueDates(receivedAt, story.severity!);
    const at = (days: number) => new Date(Math.min(now, receivedAt.getTime() + days * DAY_MS));
    const id = randomUUID();
    const resolved = stage >= 3;
    rows.push({
      id,
      patientId: p.id,
      ...story,
      raisedByName: story.raisedBy === "family" ? "Family member" : null,
      eventDate: isoDay(new Date(receivedAt.getTime() - 2 * DAY_MS)),
      receivedAt,
      status,
      assignedAdvocateId: advocate.id,
      confidential: story.category === "respect-and-discrimination",
      ...due,
      acknowledgedAt: stage >= 1 ? at(0.5) : null,
      resolvedAt: resolved ? at(5) : null,
      closedAt: stage === 4 ? at(6) : null,
      responseContact: resolved ? `${advocate.name}, patient advocate, (413) 555-0120` : null,
      responseSteps: resolved
        ? "Spoke with the clinic manager and the staff involved, and reviewed the records."
        : null,
      responseResults: resolved
        ? "We found a gap in the clinic's process; it has been fixed and the staff briefed."
        : null,
      responseCompletedOn: resolved ? isoDay(at(5)) : null,
      interimNoticeSentAt: stage === 2 && i % 2 === 0 ? at(7) : null,
      interimExpectedBy: stage === 2 && i % 2 === 0 ? isoDay(new Date(at(7).getTime() + 14 * DAY_MS)) : null,
      interimMessage:
        stage === 2 && i % 2 === 0 ? "We are waiting for the clinic's records and will write again." : null,
      createdBy: advocate.id,
      createdAt: receivedAt,
      updatedBy: advocate.id,
      updatedAt: at(stage + 1),
      version: stage + 1,
    });
    const path = ["open", "acknowledged", "in-review", "resolved", "closed"] as const;
    for (let k = 0; k <= stage; k++)
      moves.push({
        concernId: id,
        fromStatus: k === 0 ? null : path[k - 1],
        toStatus: path[k]!,
        note: k === 1 ? "Called the patient to acknowledge." : null,
        actorId: advocate.id,
        at: k === 0 ? receivedAt : at(k === 1 ? 0.5 : k + 2),
      });
  });
  // The demo patient also has a confidential concern, about a member of staff, acknowledged.
  const confidentialId = randomUUID();
  const story = CONCERN_STORIES[4]!;
  const receivedAt = new Date(now - 2 * DAY_MS);
  const advocate = advocates[0]!;
  rows.push({
    id: confidentialId,
    patientId: patientsList[0]!.id,
    ...story,
    receivedAt,
    status: "acknowledged",
    assignedAdvocateId: advocate.id,
    confidential: true,
    ...concernDueDates(receivedAt, story.severity),
    acknowledgedAt: new Date(receivedAt.getTime() + 3_600_000),
    createdBy: advocate.id,
    createdAt: receivedAt,
    updatedBy: advocate.id,
    version: 2,
  });
  moves.push(
    { concernId: confidentialId, toStatus: "open", actorId: advocate.id, at: receivedAt },
    {
      concernId: confidentialId,
      fromStatus: "open",
      toStatus: "acknowledged",
      note: "Met the patient in person; she asked that the clinic team not be told yet.",
      actorId: advocate.id,
      at: new Date(receivedAt.getTime() + 3_600_000),
    },
  );
  await tx.insert(concerns).values(rows);
  await tx.insert(concernTransitions).values(moves);
}
