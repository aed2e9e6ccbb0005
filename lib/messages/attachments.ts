import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentType,
  messageAttachments,
  messages,
  messageThreads,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";

/** What a refused file is told, in the sender's language. */
export interface AttachmentWords {
  wrongType: string;
  tooLarge: string;
  refused: string;
}

export const ATTACHMENT_WORDS_EN: AttachmentWords = {
  wrongType: "Attach a PDF, JPEG or PNG file. This file is not one of those.",
  tooLarge: "Attach a file of 10 MB or less.",
  refused: "The message was not sent: check the attachment.",
};

/** A file checked and ready to store. */
export interface CheckedAttachment {
  fileName: string;
  contentType: AttachmentType;
  content: Buffer;
}

export interface AttachmentMeta {
  id: string;
  messageId: string;
  fileName: string;
  contentType: AttachmentType;
  sizeBytes: number;
}

/** The type a file's first bytes show (its magic number), whatever its name or the browser say. */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  return null;
}

/** A file name safe to keep and to send back in a header: no path, no control characters, 200 at most. */
function cleanName(name: string, type: AttachmentType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\p{Cc}"]/gu, "")
    .trim()
    .slice(0, 200);
  return base || { "application/pdf": "file.pdf", "image/jpeg": "photo.jpg", "image/png": "image.png" }[type];
}

/**
 * The form's file field checked: nothing picked is no attachment; anything else must be a PDF,
 * JPEG or PNG by its bytes and 10 MB at most, or the whole message is refused (nothing stored)
 * with the reason on the field.
 */
export async function checkAttachment(
  value: unknown,
  words: AttachmentWords,
): Promise<CheckedAttachment | null> {
  if (!(value instanceof Blob) || value.size === 0) return null;
  const refuse = (reason: string) => new DomainError(words.refused, { attachment: [reason] });
  if (value.size > ATTACHMENT_MAX_BYTES) throw refuse(words.tooLarge);
  const content = Buffer.from(await value.arrayBuffer());
  const contentType = sniffType(content);
  if (!contentType) throw refuse(words.wrongType);
  const name = value instanceof File ? value.name : "";
  return { fileName: cleanName(name, contentType), contentType, content };
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

/** The files of some messages, without their bytes. */
export async function attachmentsOf(executor: Executor, messageIds: string[]): Promise<AttachmentMeta[]> {
  if (messageIds.length === 0) return [];
  return executor
    .select({
      id: messageAttachments.id,
      messageId: messageAttachments.messageId,
      fileName: messageAttachments.fileName,
      contentType: messageAttachments.contentType,
      sizeBytes: messageAttachments.sizeBytes,
    })
    .from(messageAttachments)
    .where(inArray(messageAttachments.messageId, messageIds));
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
export function attachmentResponse(file: AttachmentDownload): Response {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_");
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
