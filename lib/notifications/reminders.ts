import "server-only";
import { and, eq, gt, or, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { notifications } from "@/db/schema";
import { env } from "@/lib/env";
import { notifyPatientSide } from "./outbox";

/** An appointment as its reminders need it: whose, when, and which version (a move makes new ones). */
export interface RemindedAppointment {
  id: string;
  patientId: string;
  startsAt: Date;
  version: number;
}

/**
 * Writes the appointment's reminders (48 and 2 hours before by default, APPOINTMENT_REMINDER_HOURS)
 * in the booking's or the move's transaction, each held by the queue until its moment: the bell
 * shows it then, and email or text goes then. A moment already past is skipped: no reminder for
 * a visit two hours away sent "48 hours before". The key names the version, so a move's new
 * reminders are new and the old ones are withdrawn (`withdrawReminders`).
 */
export async function scheduleReminders(tx: Transaction, appointment: RemindedAppointment): Promise<number> {
  let written = 0;
  for (const hours of env().APPOINTMENT_REMINDER_HOURS) {
    const at = new Date(appointment.startsAt.getTime() - hours * 60 * 60 * 1000);
    if (at.getTime() <= Date.now()) continue;
    written += await notifyPatientSide(tx, {
      kind: "appointment-reminder",
      key: `reminder:${appointment.id}:${appointment.version}:${hours}h`,
      patientId: appointment.patientId,
      path: `/me/appointments/${appointment.id}`,
      notBefore: at,
      appointmentId: appointment.id,
    });
  }
  return written;
}

/**
 * Withdraws the reminders not yet sent of an appointment that moved or was cancelled, in that
 * change's transaction: their queued jobs then find nothing pending and send nothing, and the
 * bell never shows them. Returns how many were withdrawn.
 */
export async function withdrawReminders(tx: Transaction, appointmentId: string): Promise<number> {
  const withdrawn = await tx
    .update(notifications)
    .set({ status: "withdrawn", sentAt: null })
    .where(
      and(
        eq(notifications.appointmentId, appointmentId),
        eq(notifications.kind, "appointment-reminder"),
        or(
          eq(notifications.status, "pending"),
          and(eq(notifications.channel, "portal"), gt(notifications.notBefore, sql`now()`)),
        ),
      ),
    )
    .returning({ id: notifications.id });
  return withdrawn.length;
}
