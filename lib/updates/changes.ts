import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { patientUpdates, type WrittenLanguage } from "@/db/schema";
import { type AuditDetails, recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { notifyPatientSide } from "@/lib/notifications/outbox";
import { unsafeReadLanguageNeed } from "@/lib/patients/language";
import { changeVersioned, type Row, versionedRecord } from "@/lib/records/versioned-change";
import type { UpdateInput } from "./schemas";

type UpdateRow = Row<typeof patientUpdates>;

function refuseIfPublished(row: UpdateRow): void {
  if (row.status === "published")
    throw new DomainError("This update is published and cannot change. Write a correction instead.");
}

/** The draft's language after an edit, and what it was when the edit changed it. */
function languageDetails(was: WrittenLanguage, now: WrittenLanguage | undefined): AuditDetails {
  return now && now !== was ? { language: now, fromLanguage: was } : { language: was };
}

/** Draft updates as the versioned-change helper sees them (docs/decisions/010). */
const PATIENT_UPDATE = versionedRecord({
  table: patientUpdates,
  entityType: "patient_update",
  patientId: patientUpdates.patientId,
  // A draft published since the editor opened it: say it is published (write a correction),
  // which is what the editor can act on, before naming who saved it.
  refuseAnyChange: refuseIfPublished,
});

/** Saves a new draft; `correcting` makes it a correction of a published update. */
export async function createUpdate(
  actor: Actor,
  patientId: string,
  input: UpdateInput,
  correcting: string | null = null,
): Promise<string> {
  await authorizePatient(actor, "write:update", patientId);
  return db().transaction(async (tx) => {
    const language = input.language ?? (await unsafeReadLanguageNeed(tx, patientId)).defaultLanguage;
    if (correcting) {
      const [original] = await tx
        .select({ status: patientUpdates.status, patientId: patientUpdates.patientId })
        .from(patientUpdates)
        .where(eq(patientUpdates.id, correcting));
      if (!original || original.patientId !== patientId) throw new NotFoundError();
      if (original.status !== "published")
        throw new DomainError("Only a published update needs a correction; edit the draft.");
    }
    const [row] = await tx
      .insert(patientUpdates)
      .values({
        ...input,
        language,
        patientId,
        authorId: actor.userId,
        correctsUpdateId: correcting,
        updatedBy: actor.userId,
      })
      .returning({ id: patientUpdates.id });
    await recordAudit(tx, actor, {
      action: "update.create",
      patientId,
      entityType: "patient_update",
      entityId: row!.id,
      details: { corrects: correcting, language },
    });
    return row!.id;
  });
}

/** Edits a draft, refusing a save made against an older version. */
export async function editUpdate(
  actor: Actor,
  updateId: string,
  input: UpdateInput & { version: number },
): Promise<void> {
  const { version, ...fields } = input;
  await changeVersioned(actor, PATIENT_UPDATE, {
    id: updateId,
    version,
    permission: "write:update",
    audit: { action: "update.edit", details: { fromVersion: version } },
    change: async (_tx, row) => ({
      set: fields,
      // The language it is in, and from what when the edit changed it.
      details: languageDetails(row.language, fields.language),
    }),
  });
}

/**
 * Publishes a draft: from now on the patient and family see it, and it cannot change. They are
 * told in the same transaction, with a link to it on the timeline.
 */
export async function publishUpdate(actor: Actor, updateId: string, version: number): Promise<void> {
  await changeVersioned(actor, PATIENT_UPDATE, {
    id: updateId,
    version,
    permission: "write:update",
    audit: { action: "update.publish" },
    change: async (_tx, row) => ({
      set: { status: "published" as const, publishedAt: sql`now()` },
      after: async (tx) => {
        const path = `/me#item-${updateId}`;
        await notifyPatientSide(tx, {
          kind: "update",
          key: `update:${updateId}`,
          patientId: row.patientId,
          path,
        });
      },
    }),
  });
}
