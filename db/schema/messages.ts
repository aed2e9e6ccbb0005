import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { englishBesideCheck, writtenLanguage } from "./languages";
import { patients } from "./patients";
import { users } from "./users";

/** What a patient's conversation is about, as they choose it when they start one. */
export const CONVERSATION_TOPICS = ["appointment", "care-plan", "concern", "billing", "other"] as const;
export type ConversationTopic = (typeof CONVERSATION_TOPICS)[number];
export const CONVERSATION_STATUSES = ["open", "closed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/**
 * A thread about one patient. Among the staff on the care team only, unless `with_patient`: then
 * it is a conversation the patient (and family they allow to message) read and write in, with a
 * topic, an assignee, an answer due while the patient waits, and a close. Staff notes inside a
 * conversation (messages not shared) never reach the patient or family.
 */
export const messageThreads = pgTable(
  "message_threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    subject: text("subject").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    withPatient: boolean("with_patient").notNull().default(false),
    topic: text("topic", { enum: CONVERSATION_TOPICS }),
    status: text("status", { enum: CONVERSATION_STATUSES }).notNull().default("open"),
    assignedTo: uuid("assigned_to").references(() => users.id),
    /** Set when the patient's side writes and nobody on the team has answered yet. */
    answerDueAt: timestamp("answer_due_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("message_threads_patient_idx").on(t.patientId, t.lastMessageAt),
    index("message_threads_answer_due_idx").on(t.answerDueAt).where(sql`${t.answerDueAt} is not null`),
    check(
      "message_threads_topic_check",
      sql`${t.topic} is null or ${t.topic} in ('appointment','care-plan','concern','billing','other')`,
    ),
    check("message_threads_status_check", sql`${t.status} in ('open','closed')`),
    check("message_threads_closed", sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
    check(
      "message_threads_conversation",
      sql`${t.withPatient} or (${t.topic} is null and ${t.answerDueAt} is null and ${t.assignedTo} is null)`,
    ),
  ],
);

/**
 * Messages are never edited or deleted: a correction is another message. Staff-only unless
 * `shared_with_patient`, and only then do the patient and authorised family see it.
 */
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => messageThreads.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    sharedWithPatient: boolean("shared_with_patient").notNull().default(false),
    /** The language it is written in: what the patient reads it in, or told which when it is not theirs. */
    language: writtenLanguage("language"),
    /** The same message in English, beside one written in Spanish, for readers of English. */
    bodyEnglish: text("body_english"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("messages_thread_idx").on(t.threadId, t.createdAt),
    index("messages_patient_idx").on(t.patientId, t.createdAt),
    check("messages_body_length", sql`char_length(${t.body}) between 1 and 5000`),
    check("messages_language_check", sql`${t.language} in ('en','es')`),
    englishBesideCheck("messages_english_beside_spanish", t.language, [t.bodyEnglish]),
  ],
);

export const ATTACHMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
/** 10 MB: a phone photo or a scanned letter. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A file sent with a message, kept in the database behind the same policy as the message. Its type
 * is the one its bytes show (checked before it is stored), never what its name says.
 */
export const messageAttachments = pgTable(
  "message_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    fileName: text("file_name").notNull(),
    contentType: text("content_type", { enum: ATTACHMENT_TYPES }).notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    content: bytea("content").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("message_attachments_message_idx").on(t.messageId),
    check(
      "message_attachments_type_check",
      sql`${t.contentType} in ('application/pdf','image/jpeg','image/png')`,
    ),
    check(
      "message_attachments_size_check",
      sql`${t.sizeBytes} between 1 and 10485760 and ${t.sizeBytes} = octet_length(${t.content})`,
    ),
    check("message_attachments_name_check", sql`char_length(${t.fileName}) between 1 and 200`),
  ],
);

/** How far each person has read each thread. */
export const messageReads = pgTable(
  "message_reads",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => messageThreads.id),
    lastReadAt: timestamp("last_read_at", { withTimezone: true }).notNull(),
  },
  // Who has read a thread, for its read receipts: the key leads with the user (issue 19).
  (t) => [primaryKey({ columns: [t.userId, t.threadId] }), index("message_reads_thread_idx").on(t.threadId)],
);
