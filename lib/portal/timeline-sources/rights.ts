import "server-only";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { rightsRequests } from "@/db/schema";
import { shape, text } from "./shape";

/**
 * The patient's rights requests filed before a moment, with the day the answer is due while none
 * was sent. Confidential-communication requests only for a viewer who may see them.
 */
export function patientRightsRequests(patientId: string, before: Date, confidentialCommunications: boolean) {
  return db()
    .select(
      shape("rights", {
        id: sql`${rightsRequests.id}`,
        at: sql`${rightsRequests.createdAt}`,
        title: sql`${rightsRequests.type}`,
        status: sql`coalesce(${rightsRequests.decision}, 'open')`,
        body: text(rightsRequests.details),
        due: sql`case when ${rightsRequests.responseSentOn} is null then coalesce(${rightsRequests.extendedDueOn}, ${rightsRequests.dueOn})::text end`,
      }),
    )
    .from(rightsRequests)
    .where(
      and(
        eq(rightsRequests.patientId, patientId),
        lt(rightsRequests.createdAt, before),
        confidentialCommunications ? undefined : ne(rightsRequests.type, "confidential-communication"),
      ),
    );
}
