import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { messages, messageThreads, type WrittenLanguage } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { notifyPatientSide, notifyStaff } from "@/lib/notifications/outbox";
import { unsafeCaseloadStaff } from "@/lib/patients/caseload-staff";
import { type CheckedAttachment, storeAttachment } from "./attachments";

/** One message as written, by whichever side, and the file sent with it: the same rows for every path. */
export async function insertMessage(
  tx: Transaction,
  actor: Actor,
  message: {
    threadId: string;
    patientId: string;
    body: string;
    shared: boolean;
    language: WrittenLanguage;
    /** Staff: the same words in English beside a Spanish message. */
    bodyEnglish?: string | null;
    /** Who wrote it: the care team (a shared message tells the patient's side) or the patient's side (tells the team). */
    from: "team" | "patient-side";
  },
  file: CheckedAttachment | null,
): Promise<string> {
  const [row] = await tx
    .insert(messages)
    .values({
      threadId: message.threadId,
      patientId: message.patientId,
      authorId: actor.userId,
      body: message.body,
      sharedWithPatient: message.shared,
      language: message.language,
      bodyEnglish: message.bodyEnglish ?? null,
    })
    .returning({ id: messages.id });
  if (file) await storeAttachment(tx, row!.id, message.patientId, file);
  await tellTheOtherSide(tx, actor, message, row!.id);
  return row!.id;
}

/**
 * The notifications a message causes, in its transaction: a message the team shares tells the
 * patient and the family she lets message (the bell, and email or text as each chose: never the
 * message itself); a message from the patient's side tells whoever the conversation is assigned
 * to, else the care team who hold the patient.
 */
async function tellTheOtherSide(
  tx: Transaction,
  actor: Actor,
  message: { threadId: string; patientId: string; shared: boolean; from: "team" | "patient-side" },
  messageId: string,
): Promise<void> {
  const event = { key: `message:${messageId}`, patientId: message.patientId };
  if (message.from === "team") {
    if (message.shared)
      await notifyPatientSide(tx, { ...event, kind: "message", path: `/me/messages/${message.threadId}` });
    return;
  }
  const [thread] = await tx
    .select({ assignedTo: messageThreads.assignedTo })
    .from(messageThreads)
    .where(eq(messageThreads.id, message.threadId));
  const staff = thread?.assignedTo
    ? [thread.assignedTo]
    : (await unsafeCaseloadStaff(tx, message.patientId)).map((s) => s.id);
  await notifyStaff(
    tx,
    {
      ...event,
      kind: "conversation-waiting",
      path: `/patients/${message.patientId}/messages#thread-${message.threadId}`,
    },
    staff.filter((id) => id !== actor.userId),
  );
}
