import { notFound } from "next/navigation";
import { idOr404 } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { downloadDirectiveFile } from "@/lib/directives";
import { NotFoundError } from "@/lib/errors";
import { fileDownloadResponse } from "@/lib/files/uploads";

/**
 * The scan of one of her advance directives, for staff who may read her directives: a download,
 * never cached, never sniffed. Staff outside the caseload, a directive of another patient, one
 * without a scan, or one that does not exist: the 404. Audited (directive.file-read).
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; directiveId: string }> },
) {
  const raw = await params;
  const patientId = idOr404(raw.id);
  const id = idOr404(raw.directiveId);
  const actor = await requireActor();
  try {
    return fileDownloadResponse(await downloadDirectiveFile(actor, id, { staffPatientId: patientId }));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
