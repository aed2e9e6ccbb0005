import "server-only";
import { and, eq, lt, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { messages, messageThreads, users } from "@/db/schema";
import { PORTAL_SIDE_ROLES } from "@/lib/messages";
import { shape, text } from "./shape";

const author = alias(users, "author");

/**
 * Messages the care team shared with the patient before a moment; staff-only ones never, and not
 * what the patient's side wrote (that is their own, in the conversation on /me/messages).
 */
export function sharedMessages(patientId: string, before: Date) {
  return db()
    .select(
      shape("message", {
        id: sql`${messages.id}`,
        at: sql`${messages.createdAt}`,
        title: sql`${messageThreads.subject}`,
        body: text(messages.body),
        who: text(author.name),
      }),
    )
    .from(messages)
    .innerJoin(messageThreads, eq(messageThreads.id, messages.threadId))
    .innerJoin(author, eq(author.id, messages.authorId))
    .where(
      and(
        eq(messages.patientId, patientId),
        eq(messages.sharedWithPatient, true),
        notInArray(author.role, PORTAL_SIDE_ROLES),
        lt(messages.createdAt, before),
      ),
    );
}
