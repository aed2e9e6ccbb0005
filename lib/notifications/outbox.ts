import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type NotificationKind, notifications } from "@/db/schema";
import type { WrittenLanguage } from "@/lib/written-language";
import { queueDelivery } from "./queue";
import { unsafePatientSideRecipients } from "./recipients";

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
  const recipients = await unsafePatientSideRecipients(tx, event.patientId, event.kind);
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

/** Tells staff in the portal (their bell) of something waiting on them about a patient. */
export async function notifyStaff(
  tx: Transaction,
  event: Omit<PatientEvent, "except">,
  userIds: readonly string[],
): Promise<number> {
  return writeAndQueue(
    tx,
    [...new Set(userIds)].map((userId) => row(event, userId, "en", "portal", event.path)),
  );
}

function row(
  event: Omit<PatientEvent, "except">,
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

/** A family member's link keeps them on the patient whose care it is. */
function familyPath(path: string, patientId: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}patient=${patientId}`;
}
