import "server-only";
import { and, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  type AttachmentType,
  messageAttachments,
  messages,
  messageThreads,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import {
  type CheckedFile,
  checkUpload,
  fileDownloadResponse,
  sniffType,
  type UploadWords,
} from "@/lib/files/uploads";

/** What a refused file is told, in the sender's language. */
export type AttachmentWords = UploadWords;

export const ATTACHMENT_WORDS_EN: AttachmentWords = {
  wrongType: "Attach a PDF, JPEG or PNG file. This file is not one of those.",
  tooLarge: "Attach a file of 10 MB or less.",
  refused: "The message was not sent: check the attachment.",
};

/** A file checked and ready to store. */
export type CheckedAttachment = CheckedFile<AttachmentType>;

export interface AttachmentMeta {
  id: string;
  messageId: string;
  fileName: string;
  contentType: AttachmentType;
  sizeBytes: number;
}

export { sniffType };

/**
 * The form's file field checked (lib/files/uploads.ts): nothing picked is no attachment; anything
 * else must be a PDF, JPEG or PNG by its bytes and 10 MB at most, or the whole message is refused
 * (nothing stored) with the reason on the field.
 */
export function checkAttachment(value: unknown, words: AttachmentWords): Promise<CheckedAttachment | null> {
  return checkUpload(value, {
    field: "attachment",
    types: ATTACHMENT_TYPES,
    maxBytes: ATTACHMENT_MAX_BYTES,
    words,
  });
}

/** Stores a checked file with its message, in the message's transaction. */
export async function storeAttachment(
  tx: Executor,
  messageId: string,
  patientId: string,
  file: CheckedAttachment,
): Promise<string> {
  const [row] = await tx
    .insert(messageAttachments)
    .values({
      messageId,
      patientId,
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.content.byteLength,
      content: file.content,
    })
    .returning({ id: messageAttachments.id });
  return row!.id;
}

export interface AttachmentDownload {
  fileName: string;
  contentType: AttachmentType;
  content: Buffer;
}

/**
 * One file for download, behind the same policy as its message: staff on the care team
 * (`read:teamNotes`) for any message of the patient named; the patient and family with the
 * messages scope (`read:sharedMessages:portal`) only for a message shared in a conversation.
 * Anything else, or a file of another patient, is the 404. Audited.
 */
export async function downloadAttachment(
  actor: Actor,
  attachmentId: string,
  side: { staffPatientId: string } | "portal",
): Promise<AttachmentDownload> {
  const [found] = await db()
    .select({
      patientId: messageAttachments.patientId,
      shared: messages.sharedWithPatient,
      withPatient: messageThreads.withPatient,
    })
    .from(messageAttachments)
    .innerJoin(messages, eq(messages.id, messageAttachments.messageId))
    .innerJoin(messageThreads, eq(messageThreads.id, messages.threadId))
    .where(eq(messageAttachments.id, attachmentId));
  if (!found) throw new NotFoundError();
  if (side === "portal") {
    await authorizePatient(actor, "read:sharedMessages:portal", found.patientId);
    if (!found.shared || !found.withPatient) throw new NotFoundError();
  } else {
    await authorizePatient(actor, "read:teamNotes", side.staffPatientId);
    if (side.staffPatientId !== found.patientId) throw new NotFoundError();
  }
  const [file] = await db()
    .select({
      fileName: messageAttachments.fileName,
      contentType: messageAttachments.contentType,
      content: messageAttachments.content,
    })
    .from(messageAttachments)
    .where(and(eq(messageAttachments.id, attachmentId), eq(messageAttachments.patientId, found.patientId)));
  if (!file) throw new NotFoundError();
  await recordAudit(db(), actor, {
    action: "message.attachment-download",
    patientId: found.patientId,
    entityType: "message_attachment",
    entityId: attachmentId,
  });
  return file;
}

/** The response a download is served as: a file to save, never kept by a cache, never sniffed. */
export const attachmentResponse: (file: AttachmentDownload) => Response = fileDownloadResponse;
