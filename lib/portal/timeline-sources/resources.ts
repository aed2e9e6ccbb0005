import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { educationResources, resourcesGiven, users } from "@/db/schema";
import { shape, text } from "./shape";

const giver = alias(users, "giver");

/** The education resources given to the patient before a moment, with who gave them. */
export function resourcesGivenBefore(patientId: string, before: Date) {
  return db()
    .select(
      shape("resource", {
        id: sql`${resourcesGiven.id}`,
        at: sql`${resourcesGiven.givenAt}`,
        title: sql`${educationResources.title}`,
        body: text(educationResources.summary),
        link: text(educationResources.url),
        who: text(giver.name),
      }),
    )
    .from(resourcesGiven)
    .innerJoin(educationResources, eq(educationResources.id, resourcesGiven.resourceId))
    .innerJoin(giver, eq(giver.id, resourcesGiven.givenBy))
    .where(and(eq(resourcesGiven.patientId, patientId), lt(resourcesGiven.givenAt, before)));
}
