import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { patientUpdates } from "@/db/schema";
import { shape, text } from "./shape";

/** Updates published to the patient before a moment; drafts never. */
export function publishedUpdates(patientId: string, before: Date) {
  return db()
    .select(
      shape("update", {
        id: sql`${patientUpdates.id}`,
        at: sql`${patientUpdates.publishedAt}`,
        title: sql`${patientUpdates.title}`,
        body: text(patientUpdates.progress),
        extra: text(patientUpdates.nextSteps),
        language: text(patientUpdates.language),
        titleEnglish: text(patientUpdates.titleEnglish),
        bodyEnglish: text(patientUpdates.progressEnglish),
        extraEnglish: text(patientUpdates.nextStepsEnglish),
      }),
    )
    .from(patientUpdates)
    .where(
      and(
        eq(patientUpdates.patientId, patientId),
        eq(patientUpdates.status, "published"),
        lt(patientUpdates.publishedAt, before),
      ),
    );
}
