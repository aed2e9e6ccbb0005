import "server-only";
import { and, eq, gte, inArray, isNull, lt, notInArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { concerns, rightsRequests, users } from "@/db/schema";
import { unsafeWorkFor } from "@/lib/my-work/list";
import { unsafeCaseloadStaff } from "@/lib/patients/caseload-staff";
import { addDaysIso, zonedDate } from "@/lib/time";
import { notifyStaff } from "./outbox";

/**
 * The 7:00 digest: each active coordinator and advocate with something waiting on them (rights
 * requests due within 3 days, grievances and interventions overdue, conversations awaiting an
 * answer) is told once that day, in the bell and by email, that work waits in "My work". It
 * names no patient and no count of anyone's care. Returns how many were told.
 */
export async function sendDailyDigest(now: Date = new Date()): Promise<number> {
  const today = zonedDate(now);
  const soon = addDaysIso(today, 3);
  const staff = await db()
    .select({ userId: users.id, role: users.role, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["coordinator", "advocate"])));
  let told = 0;
  for (const person of staff) {
    const actor = { ...person, sessionId: null, patientId: null };
    const work = await unsafeWorkFor(db(), actor, { now, today });
    const waiting = work.filter(
      (w) =>
        (w.kind === "rights-request" && w.dueOn !== null && w.dueOn <= soon) ||
        ((w.kind === "concern" || w.kind === "intervention") && w.overdue) ||
        w.kind === "conversation",
    );
    if (waiting.length === 0) continue;
    told += await db().transaction((tx) =>
      notifyStaff(
        tx,
        { kind: "daily-digest", key: `digest:${today}`, patientId: null, path: "/my-work" },
        [person.userId],
        ["portal", "email"],
      ),
    );
  }
  return told;
}

/**
 * The overdue check: a rights request past its (extended) due day with no response sent, or a
 * grievance past its resolution time, alerts the patient's advocates (the concern's assigned
 * advocate when it has one) at once, in the bell and by email, once per deadline (the key names
 * it: an extension makes a new deadline). Items overdue for more than 30 days were alerted
 * before or predate this check: they are on "My work" and not alerted again.
 */
export async function alertOverdue(now: Date = new Date()): Promise<number> {
  const today = zonedDate(now);
  const since = addDaysIso(today, -30);
  const due = sql<string>`coalesce(${rightsRequests.extendedDueOn}, ${rightsRequests.dueOn})`;
  const [requests, grievances] = await Promise.all([
    db()
      .select({ id: rightsRequests.id, patientId: rightsRequests.patientId, due })
      .from(rightsRequests)
      .where(and(isNull(rightsRequests.responseSentOn), lt(due, today), gte(due, since))),
    db()
      .select({
        id: concerns.id,
        patientId: concerns.patientId,
        due: concerns.resolveDueAt,
        advocate: concerns.assignedAdvocateId,
      })
      .from(concerns)
      .where(
        and(
          notInArray(concerns.status, ["resolved", "closed"]),
          lt(concerns.resolveDueAt, now),
          gte(concerns.resolveDueAt, new Date(now.getTime() - 30 * 86_400_000)),
        ),
      ),
  ]);
  let told = 0;
  const advocatesOf = async (patientId: string) =>
    (await unsafeCaseloadStaff(db(), patientId)).filter((s) => s.kind === "advocate").map((s) => s.id);
  // Who is told is read before each transaction: on PGlite a read outside it would wait for it.
  for (const r of requests) {
    const to = await advocatesOf(r.patientId);
    const event = {
      kind: "overdue-alert" as const,
      key: `overdue:rights:${r.id}:${r.due}`,
      patientId: r.patientId,
      path: `/patients/${r.patientId}/rights-requests#request-${r.id}`,
    };
    told += await db().transaction((tx) => notifyStaff(tx, event, to, ["portal", "email"]));
  }
  for (const g of grievances) {
    const to = g.advocate ? [g.advocate] : await advocatesOf(g.patientId);
    const event = {
      kind: "overdue-alert" as const,
      key: `overdue:concern:${g.id}:${g.due.toISOString()}`,
      patientId: g.patientId,
      path: `/patients/${g.patientId}/concerns/${g.id}`,
    };
    told += await db().transaction((tx) => notifyStaff(tx, event, to, ["portal", "email"]));
  }
  return told;
}
