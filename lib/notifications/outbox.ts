import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type NotificationKind, notifications } from "@/db/schema";
import type { WrittenLanguage } from "@/lib/written-language";
import { queueDelivery } from "./queue";
import { unsafePatientSideRecipients, unsafeStaffRecipients } from "./recipients";

/** Something that happened in a patient's care that the patient's side is told of. */
export interface PatientEvent {
  kind: NotificationKind;
  /** One per event ("message:<id>", "appointment-moved:<id>:<version>"): the same event twice is told once. */
  key: string;
  patientId: string;
  /** Where in the portal it leads, for the patient (family get the same with `?patient=`). */
  path: string;
  /** Not before this moment (reminders); else now. */
  notBefore?: Date | null;
  /** Who caused it (a family member who wrote): not told of their own doing. */
  except?: string;
  /** False: the patient alone, never family (a confidential-communications request, 164.522(b)). */
  familyToo?: boolean;
  /** The appointment it is about: its reminders are withdrawn when it moves or is cancelled. */
  appointmentId?: string;
}

type Row = typeof notifications.$inferInsert;

/**
 * Writes the event's notifications in the event's own transaction, one row per recipient and
 * channel, and queues the delivery of each email and text message in the same transaction: the
 * notifications exist exactly when the event does, and `notifications_once_key` makes a second
 * write of the same event a no-op. Portal notifications need no delivery: the bell reads them.
 * Reads no policy: the caller is the domain change that authorised the event.
 */
export async function notifyPatientSide(tx: Transaction, event: PatientEvent): Promise<number> {
  const recipients = await unsafePatientSideRecipients(tx, event.patientId, event.kind, event.familyToo);
  const rows: Row[] = recipients
    .filter((r) => r.userId !== event.except)
    .flatMap((r) =>
      r.channels.map((channel) =>
        row(
          event,
          r.userId,
          r.language,
          channel,
          r.self ? event.path : familyPath(event.path, event.patientId),
        ),
      ),
    );
  return writeAndQueue(tx, rows);
}

/** Something staff are told of: about a patient, or none (the daily digest). */
export type StaffEvent = Omit<PatientEvent, "except" | "familyToo" | "patientId"> & {
  patientId: string | null;
};

/**
 * Tells staff of something waiting on them: in the bell, and by email too where the event asks
 * (the digest, overdue alerts) and the person did not turn that kind's email off; in their language.
 */
export async function notifyStaff(
  tx: Transaction,
  event: StaffEvent,
  userIds: readonly string[],
  channels: readonly ("portal" | "email")[] = ["portal"],
): Promise<number> {
  const recipients = await unsafeStaffRecipients(tx, userIds, event.kind, channels);
  return writeAndQueue(
    tx,
    recipients.flatMap((r) =>
      r.channels.map((channel) => row(event, r.userId, r.language, channel, event.path)),
    ),
  );
}

function row(
  event: StaffEvent,
  userId: string,
  language: WrittenLanguage,
  channel: Row["channel"],
  link: string,
): Row {
  const portal = channel === "portal";
  return {
    id: randomUUID(),
    eventKey: event.key,
    kind: event.kind,
    channel,
    recipientUserId: userId,
    patientId: event.patientId,
    appointmentId: event.appointmentId ?? null,
    language,
    link,
    notBefore: event.notBefore ?? null,
    // The bell's notification is there once written (from its moment on, for a reminder).
    status: portal ? "sent" : "pending",
    sentAt: portal ? (event.notBefore ?? sql`now()`) : null,
  } as Row;
}

async function writeAndQueue(tx: Transaction, rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await tx
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({
      target: [notifications.eventKey, notifications.recipientUserId, notifications.channel],
    })
    .returning({ id: notifications.id, channel: notifications.channel, notBefore: notifications.notBefore });
  for (const n of written) if (n.channel !== "portal") await queueDelivery(tx, n.id, n.notBefore);
  return written.length;
}

/** A family member's link keeps them on the patient whose care it is (the query before any #anchor). */
function familyPath(path: string, patientId: string): string {
  const [page = path, anchor] = path.split("#", 2);
  const query = `${page}${page.includes("?") ? "&" : "?"}patient=${patientId}`;
  return anchor === undefined ? query : `${query}#${anchor}`;
}
