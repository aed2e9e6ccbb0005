import "server-only";
import type { Transaction } from "@/db/client";
import { type MessageLanguage, messages } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { type CheckedAttachment, storeAttachment } from "./attachments";

/** One message as written, by whichever side, and the file sent with it: the same rows for every path. */
export async function insertMessage(
  tx: Transaction,
  actor: Actor,
  message: { threadId: string; patientId: string; body: string; shared: boolean; language: MessageLanguage },
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
    })
    .returning({ id: messages.id });
  if (file) await storeAttachment(tx, row!.id, message.patientId, file);
  return row!.id;
}
