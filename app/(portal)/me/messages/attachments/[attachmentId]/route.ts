import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-user";
import { NotFoundError } from "@/lib/errors";
import { AttachmentIdSchema, attachmentResponse, downloadAttachment } from "@/lib/messages";

/**
 * A file sent in a conversation, for the patient and family with the messages scope: only from a
 * message shared with them, never a staff note's. A download, never cached; anything else is the 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ attachmentId: string }> }) {
  const actor = await requireActor();
  const id = AttachmentIdSchema.safeParse((await params).attachmentId);
  if (!id.success) notFound();
  try {
    return attachmentResponse(await downloadAttachment(actor, id.data, "portal"));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
