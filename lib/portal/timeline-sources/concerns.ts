import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { concerns } from "@/db/schema";
import { shape, text, zone } from "./shape";

/** The patient's concerns received before a moment, with the day they will hear back while open. */
export function patientConcerns(patientId: string, before: Date) {
  return db()
    .select(
      shape("concern", {
        id: sql`${concerns.id}`,
        at: sql`${concerns.receivedAt}`,
        title: sql`${concerns.category}`,
        status: text(concerns.status),
        body: text(concerns.whatHappened),
        due: sql`case when ${concerns.status} in ('resolved','closed') then null else coalesce(${concerns.interimExpectedBy}::text, (${concerns.resolveDueAt} at time zone ${zone()})::date::text) end`,
      }),
    )
    .from(concerns)
    .where(and(eq(concerns.patientId, patientId), lt(concerns.receivedAt, before)));
}
