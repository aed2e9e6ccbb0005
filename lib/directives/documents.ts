import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { advanceDirectives } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { checkUpload, type UploadWords } from "@/lib/files/uploads";
import { DIRECTIVE_FILE_MAX_BYTES, type DirectiveInput } from "./schemas";

/** What a refused scan is told (staff record directives; the words are English). */
export const DIRECTIVE_FILE_WORDS: UploadWords = {
  wrongType: "Attach the scan as a PDF. This file is not a PDF.",
  tooLarge: "Attach a PDF of 10 MB or less.",
  refused: "The document was not recorded: check the file.",
};

/**
 * Records an advance directive: its kind, the date signed, where the signed original is, and the
 * scan if there is one (a PDF by its bytes, 10 MB at most, else nothing is stored). Never edited:
 * a new one is recorded and the old archived (the database refuses the edit).
 */
export async function recordDirective(
  actor: Actor,
  patientId: string,
  input: DirectiveInput,
): Promise<string> {
  await authorizePatient(actor, "write:directives", patientId);
  const file = await checkUpload(input.file, {
    field: "file",
    types: ["application/pdf"],
    maxBytes: DIRECTIVE_FILE_MAX_BYTES,
    words: DIRECTIVE_FILE_WORDS,
  });
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(advanceDirectives)
      .values({
        patientId,
        kind: input.kind,
        signedOn: input.signedOn,
        originalLocation: input.originalLocation,
        fileName: file?.fileName ?? null,
        sizeBytes: file?.content.byteLength ?? null,
        content: file?.content ?? null,
        recordedBy: actor.userId,
      })
      .returning({ id: advanceDirectives.id });
    await recordAudit(tx, actor, {
      action: "directive.record",
      patientId,
      entityType: "advance_directive",
      entityId: row!.id,
      details: { withFile: file !== null, sizeBytes: file?.content.byteLength ?? null },
    });
    return row!.id;
  });
}

/** Archives a directive that was replaced or revoked; it stays on the record, with its scan. */
export async function archiveDirective(actor: Actor, patientId: string, directiveId: string): Promise<void> {
  await authorizePatient(actor, "write:directives", patientId);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select({ archivedAt: advanceDirectives.archivedAt })
      .from(advanceDirectives)
      .where(and(eq(advanceDirectives.id, directiveId), eq(advanceDirectives.patientId, patientId)))
      .for("update");
    if (!row) throw new NotFoundError();
    if (row.archivedAt) throw new DomainError("This document is already archived.");
    await tx
      .update(advanceDirectives)
      .set({ archivedAt: sql`now()`, archivedBy: actor.userId })
      .where(eq(advanceDirectives.id, directiveId));
    await recordAudit(tx, actor, {
      action: "directive.archive",
      patientId,
      entityType: "advance_directive",
      entityId: directiveId,
    });
  });
}

export interface DirectiveFile {
  fileName: string;
  contentType: "application/pdf";
  content: Buffer;
}

/**
 * A directive's scan for download, behind the directive's own policy: staff who may read her
 * directives (`read:directives`) for the patient named in the address; the patient for her own
 * (`read:directives:portal`, never family). A directive of another patient, one without a scan, or
 * one that does not exist: the 404. Audited.
 */
export async function downloadDirectiveFile(
  actor: Actor,
  directiveId: string,
  side: { staffPatientId: string } | "portal",
): Promise<DirectiveFile> {
  const [found] = await db()
    .select({ patientId: advanceDirectives.patientId })
    .from(advanceDirectives)
    .where(eq(advanceDirectives.id, directiveId));
  if (!found) throw new NotFoundError();
  if (side === "portal") {
    await authorizePatient(actor, "read:directives:portal", found.patientId);
  } else {
    await authorizePatient(actor, "read:directives", side.staffPatientId);
    if (side.staffPatientId !== found.patientId) throw new NotFoundError();
  }
  const [file] = await db()
    .select({ fileName: advanceDirectives.fileName, content: advanceDirectives.content })
    .from(advanceDirectives)
    .where(and(eq(advanceDirectives.id, directiveId), eq(advanceDirectives.patientId, found.patientId)));
  if (!file?.content || !file.fileName) throw new NotFoundError();
  await recordAudit(db(), actor, {
    action: "directive.file-read",
    patientId: found.patientId,
    entityType: "advance_directive",
    entityId: directiveId,
  });
  return { fileName: file.fileName, contentType: "application/pdf", content: file.content };
}
