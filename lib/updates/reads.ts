import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { patientUpdates, users, type WrittenLanguage } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { type LanguageNeed as UpdateLanguageNeed, unsafeReadLanguageNeed } from "@/lib/patients/language";
import { readPatientRecord } from "@/lib/records/patient-read";

export interface UpdateItem {
  id: string;
  title: string;
  progress: string;
  nextSteps: string | null;
  resources: string | null;
  language: WrittenLanguage;
  /** The same update in English beside a Spanish one (null when none). */
  titleEnglish: string | null;
  progressEnglish: string | null;
  nextStepsEnglish: string | null;
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
  /** For staff who write: the patient's preferred language and interpreter need (else null). */
  languageNeed: UpdateLanguageNeed | null;
}

/** Updates for one patient: staff see drafts too; the patient and family only what was published. */
export async function listUpdates(actor: Actor, patientId: string): Promise<PatientUpdates> {
  return readPatientRecord(
    actor,
    "read:update",
    patientId,
    async ({ database, can }) => {
      const staff = can("read:teamNotes");
      const corrected = alias(patientUpdates, "corrected");
      const updates = database
        .select({
          id: patientUpdates.id,
          title: patientUpdates.title,
          progress: patientUpdates.progress,
          nextSteps: patientUpdates.nextSteps,
          resources: patientUpdates.resources,
          language: patientUpdates.language,
          titleEnglish: patientUpdates.titleEnglish,
          progressEnglish: patientUpdates.progressEnglish,
          nextStepsEnglish: patientUpdates.nextStepsEnglish,
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
        .limit(200);
      const canWrite = can("write:update");
      const [rows, languageNeed] = await Promise.all([
        updates,
        canWrite ? unsafeReadLanguageNeed(database, patientId) : null,
      ]);
      return { updates: rows, canWrite, languageNeed };
    },
    "update.list",
  );
}
