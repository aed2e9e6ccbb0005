import { notFound } from "next/navigation";
import { idOr404 } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { NotFoundError } from "@/lib/errors";
import { AttachmentIdSchema, attachmentResponse, downloadAttachment } from "@/lib/messages";

/**
 * A file sent with a message about this patient, for the care team (`read:teamNotes`): a download,
 * never cached. Staff outside the caseload, a file of another patient, or one that does not exist: the 404.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; attachmentId: string }> },
) {
  const raw = await params;
  const patientId = idOr404(raw.id);
  const id = idOr404(raw.attachmentId, AttachmentIdSchema);
  const actor = await requireActor();
  try {
    return attachmentResponse(await downloadAttachment(actor, id, { staffPatientId: patientId }));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
