import { notFound } from "next/navigation";
import { idOr404 } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { downloadDirectiveFile } from "@/lib/directives";
import { NotFoundError } from "@/lib/errors";
import { fileDownloadResponse } from "@/lib/files/uploads";

/**
 * The scan of one of her own advance directives, for the patient (never family): a download, never
 * cached, never sniffed. Anything else is the 404. Audited (directive.file-read).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ directiveId: string }> }) {
  const id = idOr404((await params).directiveId);
  const actor = await requireActor();
  try {
    return fileDownloadResponse(await downloadDirectiveFile(actor, id, "portal"));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
