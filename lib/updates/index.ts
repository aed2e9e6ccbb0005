import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db, type Transaction } from "@/db/client";
import { patientUpdates, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can } from "@/lib/authz";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";
import { userName } from "@/lib/users/name";

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep this under ${max} characters.` })
    .optional()
    .transform((v) => v || null);

export const UpdateSchema = z.object({
  title: z
    .string()
    .trim()
    .min(3, { error: "Give the update a title, e.g. 'Your first week home'." })
    .max(120),
  progress: z
    .string()
    .trim()
    .min(10, { error: "Say how things are going, in plain words." })
    .max(5000, { error: "Keep this under 5,000 characters." }),
  nextSteps: optional(3000),
  resources: optional(3000),
});
export type UpdateInput = z.infer<typeof UpdateSchema>;
export const EditUpdateSchema = UpdateSchema.extend({ version: z.coerce.number().int().min(1) });
export const PublishSchema = z.object({ version: z.coerce.number().int().min(1) });
export const UpdateIdSchema = z.uuid();

export interface UpdateItem {
  id: string;
  title: string;
  progress: string;
  nextSteps: string | null;
  resources: string | null;
  status: "draft" | "published";
  publishedAt: Date | null;
  authorName: string;
  correctsTitle: string | null;
  correctsId: string | null;
  version: number;
}

export interface PatientUpdates {
  patient: PatientHeader;
  updates: UpdateItem[];
  canWrite: boolean;
}

/** Updates for one patient: staff see drafts too; the patient and family only what was published. */
export async function listUpdates(actor: Actor, patientId: string): Promise<PatientUpdates> {
  const access = await authorizePatient(actor, "read:update", patientId);
  const staff = can(actor, "read:teamNotes", access);
  const corrected = alias(patientUpdates, "corrected");
  const database = db();
  const [patient, rows] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
    database
      .select({
        id: patientUpdates.id,
        title: patientUpdates.title,
        progress: patientUpdates.progress,
        nextSteps: patientUpdates.nextSteps,
        resources: patientUpdates.resources,
        status: patientUpdates.status,
        publishedAt: patientUpdates.publishedAt,
        authorName: users.name,
        correctsTitle: corrected.title,
        correctsId: corrected.id,
        version: patientUpdates.version,
      })
      .from(patientUpdates)
      .innerJoin(users, eq(users.id, patientUpdates.authorId))
      .leftJoin(corrected, eq(corrected.id, patientUpdates.correctsUpdateId))
      .where(
        staff
          ? eq(patientUpdates.patientId, patientId)
          : and(eq(patientUpdates.patientId, patientId), eq(patientUpdates.status, "published")),
      )
      .orderBy(
        sql`${patientUpdates.status} = 'published'`,
        desc(sql`coalesce(${patientUpdates.publishedAt}, ${patientUpdates.createdAt})`),
      )
      .limit(200),
  ]);
  await recordAudit(database, actor, {
    action: "update.list",
    patientId,
    entityType: "patient",
    entityId: patientId,
  });
  return {
    patient,
    updates: rows,
    canWrite: can(actor, "write:update", access),
  };
}

/** Saves a new draft; `correcting` makes it a correction of a published update. */
export async function createUpdate(
  actor: Actor,
  patientId: string,
  input: UpdateInput,
  correcting: string | null = null,
): Promise<string> {
  await authorizePatient(actor, "write:update", patientId);
  return db().transaction(async (tx) => {
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
      details: { corrects: correcting },
    });
    return row!.id;
  });
}

async function authorizeUpdateWrite(actor: Actor, updateId: string) {
  const [row] = await db()
    .select({ patientId: patientUpdates.patientId })
    .from(patientUpdates)
    .where(eq(patientUpdates.id, updateId));
  if (!row) throw new NotFoundError();
  await authorizePatient(actor, "write:update", row.patientId);
  return row.patientId;
}

async function checkVersion(tx: Transaction, updateId: string, version: number) {
  const [row] = await tx
    .select({
      version: patientUpdates.version,
      status: patientUpdates.status,
      updatedBy: patientUpdates.updatedBy,
    })
    .from(patientUpdates)
    .where(eq(patientUpdates.id, updateId))
    .for("update");
  if (!row) throw new NotFoundError();
  if (row.status === "published")
    throw new DomainError("This update is published and cannot change. Write a correction instead.");
  if (row.version !== version) throw new StaleVersionError(await userName(tx, row.updatedBy));
}

/** Edits a draft, refusing a save made against an older version. */
export async function editUpdate(
  actor: Actor,
  updateId: string,
  input: UpdateInput & { version: number },
): Promise<void> {
  const patientId = await authorizeUpdateWrite(actor, updateId);
  await db().transaction(async (tx) => {
    await checkVersion(tx, updateId, input.version);
    const { version, ...fields } = input;
    await tx
      .update(patientUpdates)
      .set({
        ...fields,
        version: sql`${patientUpdates.version} + 1`,
        updatedAt: sql`now()`,
        updatedBy: actor.userId,
      })
      .where(eq(patientUpdates.id, updateId));
    await recordAudit(tx, actor, {
      action: "update.edit",
      patientId,
      entityType: "patient_update",
      entityId: updateId,
      details: { fromVersion: version },
    });
  });
}

/** Publishes a draft: from now on the patient and family see it, and it cannot change. */
export async function publishUpdate(actor: Actor, updateId: string, version: number): Promise<void> {
  const patientId = await authorizeUpdateWrite(actor, updateId);
  await db().transaction(async (tx) => {
    await checkVersion(tx, updateId, version);
    await tx
      .update(patientUpdates)
      .set({
        status: "published",
        publishedAt: sql`now()`,
        version: sql`${patientUpdates.version} + 1`,
        updatedAt: sql`now()`,
        updatedBy: actor.userId,
      })
      .where(eq(patientUpdates.id, updateId));
    await recordAudit(tx, actor, {
      action: "update.publish",
      patientId,
      entityType: "patient_update",
      entityId: updateId,
    });
  });
}
