/**
 * A few believable care-team conversations: one thread per patient for the first 24, between the
 * patient's coordinator and advocate, and one message shared with the demo patient, which makes
 * her thread a conversation she (and her daughter, who has the messages scope) can answer.
 */
import type { Transaction } from "../client";
import { messageAttachments, messageReads, messages, messageThreads } from "../schema";

/** A 1×1 PNG: the bus timetable the coordinator attached for the demo patient (PNG by its bytes). */
const TIMETABLE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

const CONVERSATIONS: readonly [string, string, string][] = [
  [
    "Transport to infusion appointments",
    "She has no ride for Tuesday's infusion. Can we book the medical van?",
    "Booked the van for 8:15 pickup. I'll let her daughter know.",
  ],
  [
    "Interpreter for the cardiology visit",
    "Please make sure a Spanish interpreter is booked for the follow-up.",
    "Confirmed with the clinic: interpreter in person.",
  ],
  [
    "Medication costs",
    "He mentioned skipping doses because of the copay.",
    "I'll look at the manufacturer's assistance program and call him Thursday.",
  ],
  [
    "Post-discharge check-in",
    "Discharged yesterday. Home health starts Monday.",
    "Called this morning: settling in, pain controlled, knows the warning signs.",
  ],
];

/** A few believable care-team conversations for the first patients of each caseload. */
export async function seedMessages(
  tx: Transaction,
  patientsList: { id: string }[],
  coordinators: { id: string }[],
  advocates: { id: string }[],
) {
  const base = Date.now() - 3 * 86_400_000;
  for (const [i, p] of patientsList.slice(0, 24).entries()) {
    const [subject, first, reply] = CONVERSATIONS[i % CONVERSATIONS.length]!;
    const coordinator = coordinators[i % coordinators.length]!;
    const advocate = advocates[i % advocates.length]!;
    const at = new Date(base + i * 3_600_000);
    const [thread] = await tx
      .insert(messageThreads)
      .values({
        patientId: p.id,
        subject,
        createdBy: coordinator.id,
        createdAt: at,
        lastMessageAt: new Date(at.getTime() + (i === 0 ? 3_600_000 : 1_800_000)),
        // The demo patient's thread has a message shared with her: a conversation she can answer.
        ...(i === 0 ? { withPatient: true, topic: "other" as const } : {}),
      })
      .returning({ id: messageThreads.id });
    await tx.insert(messages).values([
      { threadId: thread!.id, patientId: p.id, authorId: coordinator.id, body: first, createdAt: at },
      {
        threadId: thread!.id,
        patientId: p.id,
        authorId: advocate.id,
        body: reply,
        createdAt: new Date(at.getTime() + 1_800_000),
      },
    ]);
    // The coordinator has read up to their own message, so the advocate's reply shows as unread.
    await tx.insert(messageReads).values({ userId: coordinator.id, threadId: thread!.id, lastReadAt: at });
    if (i === 0) {
      const [shared] = await tx
        .insert(messages)
        .values({
          threadId: thread!.id,
          patientId: p.id,
          authorId: coordinator.id,
          body: "Your ride to the clinic on Tuesday is booked: the car will collect you at 9:15.",
          sharedWithPatient: true,
          createdAt: new Date(at.getTime() + 3_600_000),
        })
        .returning({ id: messages.id });
      await tx.insert(messageAttachments).values({
        messageId: shared!.id,
        patientId: p.id,
        fileName: "bus-timetable.png",
        contentType: "image/png",
        sizeBytes: TIMETABLE.byteLength,
        content: TIMETABLE,
      });
    }
  }
}
