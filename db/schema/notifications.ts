import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { appointments } from "./appointments";
import { writtenLanguage } from "./languages";
import { patients } from "./patients";
import { users } from "./users";

/** What a notification is about: each says only that something happened, never what (ADR 012). */
export const NOTIFICATION_KINDS = [
  "message",
  "update",
  "appointment-booked",
  "appointment-moved",
  "appointment-cancelled",
  "request-handled",
  "concern-response",
  "rights-decision",
  "appointment-reminder",
  "conversation-waiting",
  "daily-digest",
  "overdue-alert",
  "safety-screen",
  "decision-disputed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** Where it goes: the portal's bell, an email, a text message. */
export const NOTIFICATION_CHANNELS = ["portal", "email", "sms"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/**
 * pending → sent, or → failed after the last try (a dead letter an admin can retry), or
 * withdrawn (a reminder whose appointment moved), or skipped (no address the rules allow).
 */
export const NOTIFICATION_STATUSES = ["pending", "sent", "failed", "withdrawn", "skipped"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));
/** Every kind as a text[] literal, for the lists of kinds a person turned off. */
const kindArray = sql.raw(`array[${NOTIFICATION_KINDS.map((v) => `'${v}'`).join(",")}]::text[]`);

/**
 * The outbox: one row per event, recipient and channel, written in the same transaction as the
 * event, so a notification exists exactly when its event does. The unique key makes writing the
 * same event twice a no-op; the row's id is the queue job's id and the provider's idempotency key.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey(),
    /** The event that caused it, e.g. "message:<id>", "appointment-moved:<id>:<version>". */
    eventKey: text("event_key").notNull(),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    channel: text("channel", { enum: NOTIFICATION_CHANNELS }).notNull(),
    recipientUserId: uuid("recipient_user_id")
      .notNull()
      .references(() => users.id),
    /** Whose care it is about; null for staff-wide notices. */
    patientId: uuid("patient_id").references(() => patients.id),
    /** The appointment it is about (booked, moved, cancelled, reminders): a reminder is withdrawn with it. */
    appointmentId: uuid("appointment_id").references(() => appointments.id),
    /** The recipient's language when it was written: the words are chosen from it at delivery. */
    language: writtenLanguage("language"),
    /** Where in the portal it leads (a path), never an outside address. */
    link: text("link").notNull(),
    status: text("status", { enum: NOTIFICATION_STATUSES }).notNull().default("pending"),
    /** Not before this moment (reminders; text messages held through quiet hours). */
    notBefore: timestamptz("not_before"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** The address it went to (email or phone), kept for the audit of what left the system. */
    sentTo: text("sent_to"),
    /** How it left: over SMTP, through the text-message provider, or kept in the demo's outbox (nothing left). */
    deliveredVia: text("delivered_via", { enum: ["smtp", "sms-api", "demo"] }),
    /** The provider's id for a text message (its delivery-status callbacks name it), and what it last said. */
    providerId: text("provider_id"),
    providerStatus: text("provider_status"),
    sentAt: timestamptz("sent_at"),
    /**
     * When a delivery took this row to send it: for a while (the queue's expiry, twice over) no other
     * delivery may take it, so a job handed out again while the first is still sending does not send
     * it twice; after a crash the lease runs out and a retry takes it.
     */
    claimedAt: timestamptz("claimed_at"),
    /** Portal notifications: when the recipient opened or marked it read. */
    readAt: timestamptz("read_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notifications_once_key").on(t.eventKey, t.recipientUserId, t.channel),
    index("notifications_unread_idx")
      .on(t.recipientUserId, t.createdAt)
      .where(sql`${t.channel} = 'portal' and ${t.readAt} is null`),
    index("notifications_recipient_idx").on(t.recipientUserId, t.createdAt),
    uniqueIndex("notifications_provider_id_key").on(t.providerId).where(sql`${t.providerId} is not null`),
    index("notifications_appointment_idx").on(t.appointmentId).where(sql`${t.appointmentId} is not null`),
    check("notifications_kind_check", sql`${t.kind} in (${inList(NOTIFICATION_KINDS)})`),
    check("notifications_channel_check", sql`${t.channel} in (${inList(NOTIFICATION_CHANNELS)})`),
    check("notifications_status_check", sql`${t.status} in (${inList(NOTIFICATION_STATUSES)})`),
    check("notifications_language_check", sql`${t.language} in ('en','es')`),
    check("notifications_link_is_a_path", sql`${t.link} ~ '^/[^/\\\\]'`),
    check("notifications_sent", sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    check("notifications_delivered_via_check", sql`${t.deliveredVia} in ('smtp','sms-api','demo')`),
    check("notifications_read_in_portal", sql`${t.readAt} is null or ${t.channel} = 'portal'`),
  ],
);

function timestamptz(name: string) {
  return timestamp(name, { withTimezone: true });
}

/**
 * A person's choices for what reaches them outside the portal (the bell always works): the
 * language, email on or off, text messages only after a recorded opt-in (its wording, when, who
 * recorded it) and until STOP, the quiet hours that hold text messages, and whether an
 * appointment's date, time and place may be written in them. No row: the defaults.
 */
export const notificationSettings = pgTable(
  "notification_settings",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    language: writtenLanguage("language"),
    email: boolean("email").notNull().default(true),
    /** The mobile number text messages go to (a patient's may be overridden by a confidential-communications request). */
    smsPhone: text("sms_phone"),
    smsOptInAt: timestamptz("sms_opt_in_at"),
    smsOptInBy: uuid("sms_opt_in_by").references(() => users.id),
    smsOptInWording: text("sms_opt_in_wording"),
    /** The provider told us the person sent STOP (or START, which clears it). */
    smsStoppedAt: timestamptz("sms_stopped_at"),
    quietFrom: time("quiet_from").notNull().default("21:00"),
    quietUntil: time("quiet_until").notNull().default("08:00"),
    /** Appointment date, time and place in emails and texts: only when the person chose it. */
    includeDetails: boolean("include_details").notNull().default(false),
    /**
     * The kinds this person turned off by email and by text message (an unsubscribe link, the
     * settings page): a list of what is off, so a kind added later, and a person who never saved,
     * still get the channel by default. `email` and text opt-in stay the channel's master switches.
     */
    emailOffKinds: text("email_off_kinds", { enum: NOTIFICATION_KINDS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    smsOffKinds: text("sms_off_kinds", { enum: NOTIFICATION_KINDS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("notification_settings_language_check", sql`${t.language} in ('en','es')`),
    check("notification_settings_email_off_kinds_check", sql`${t.emailOffKinds} <@ ${kindArray}`),
    check("notification_settings_sms_off_kinds_check", sql`${t.smsOffKinds} <@ ${kindArray}`),
    check(
      "notification_settings_opt_in_recorded",
      sql`(${t.smsOptInAt} is null) = (${t.smsOptInWording} is null) and (${t.smsOptInAt} is null or ${t.smsPhone} is not null)`,
    ),
  ],
);
