import "server-only";
import type { Transaction } from "@/db/client";
import { notifyPatientSide } from "@/lib/notifications/outbox";
import { scheduleReminders, withdrawReminders } from "@/lib/notifications/reminders";

// What the patient's side is told of an appointment, in the change's own transaction: booked,
// moved, cancelled, and a change request answered. Only appointments still ahead: one recorded
// after it took place tells nobody, and a status (completed, no-show) is not news to anyone.

const linkTo = (appointmentId: string) => `/me/appointments/${appointmentId}`;
const ahead = (start: Date) => start.getTime() > Date.now();

/**
 * A booking, told once: a single appointment, or a weekly series once for the whole series,
 * leading to its first visit still ahead.
 */
export async function tellBooked(
  tx: Transaction,
  patientId: string,
  booked: readonly { id: string; startsAt: Date }[],
  seriesId: string | null,
): Promise<void> {
  const upcoming = booked.filter((b) => ahead(b.startsAt));
  // Each visit ahead gets its own reminders (a new appointment is at version 1).
  for (const visit of upcoming) await scheduleReminders(tx, { ...visit, patientId, version: 1 });
  const first = upcoming.sort((a, b) => +a.startsAt - +b.startsAt)[0];
  if (!first) return;
  await notifyPatientSide(tx, {
    kind: "appointment-booked",
    key: `appointment-booked:${seriesId ?? first.id}`,
    patientId,
    path: linkTo(first.id),
    appointmentId: first.id,
  });
}

/** A move, told once per version: when it was still ahead, or is now. Its reminders follow it. */
export async function tellMoved(
  tx: Transaction,
  appointment: { id: string; patientId: string; startsAt: Date },
  movedTo: Date,
  version: number,
): Promise<void> {
  await withdrawReminders(tx, appointment.id);
  await scheduleReminders(tx, { ...appointment, startsAt: movedTo, version });
  if (!ahead(appointment.startsAt) && !ahead(movedTo)) return;
  await notifyPatientSide(tx, {
    kind: "appointment-moved",
    key: `appointment-moved:${appointment.id}:${version}`,
    patientId: appointment.patientId,
    path: linkTo(appointment.id),
    appointmentId: appointment.id,
  });
}

/** A cancellation of an appointment still ahead; its reminders are withdrawn whatever its time. */
export async function tellCancelled(
  tx: Transaction,
  appointment: { id: string; patientId: string; startsAt: Date },
): Promise<void> {
  await withdrawReminders(tx, appointment.id);
  if (!ahead(appointment.startsAt)) return;
  await notifyPatientSide(tx, {
    kind: "appointment-cancelled",
    key: `appointment-cancelled:${appointment.id}`,
    patientId: appointment.patientId,
    path: linkTo(appointment.id),
    appointmentId: appointment.id,
  });
}

/** A change request answered (done, declined or closed); never the one who closed it. */
export async function tellRequestHandled(
  tx: Transaction,
  request: { id: string; patientId: string; appointmentId: string },
  closedBy: string,
): Promise<void> {
  await notifyPatientSide(tx, {
    kind: "request-handled",
    key: `request-handled:${request.id}`,
    patientId: request.patientId,
    path: linkTo(request.appointmentId),
    except: closedBy,
  });
}
