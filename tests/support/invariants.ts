import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";

/**
 * Rows that could only exist if a multi-row write stopped halfway. Each list must be empty: an
 * appointment without the audit event written in its transaction, a care plan without the
 * version row of its current version, a concern without its intake step, a message without its
 * thread's patient.
 */
export async function partialWrites(
  executor: Executor,
  /** Which appointments were booked through the product (the demo seed writes no audit events). */
  appointmentTitles = "%",
): Promise<Record<string, string[]>> {
  const ids = async (statement: ReturnType<typeof sql>) =>
    (await queryRows<{ id: string }>(executor, statement)).map((r) => r.id);
  return {
    appointmentsWithoutAudit: await ids(sql`select a.id from appointments a where not exists (
      select 1 from audit_events e where e.action = 'appointment.create' and e.details -> 'appointments' ? a.id::text)
      and a.title like ${appointmentTitles}`),
    plansWithoutVersion: await ids(sql`select p.id from care_plans p where not exists (
      select 1 from care_plan_versions v where v.plan_id = p.id and v.version = p.version)`),
    concernsWithoutIntake: await ids(sql`select c.id from concerns c where not exists (
      select 1 from concern_transitions t where t.concern_id = c.id and t.from_status is null)`),
    messagesOffThread: await ids(sql`select m.id from messages m join message_threads t on t.id = m.thread_id
      where t.patient_id <> m.patient_id`),
  };
}
