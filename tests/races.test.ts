import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { appointments, auditEvents, carePlans, carePlanVersions } from "@/db/schema";
import { bookAppointments, ClashError } from "@/lib/appointments";
import { parseAppointment } from "@/lib/appointments/schemas";
import type { Actor } from "@/lib/authz";
import { startCarePlan, updatePlanDetails } from "@/lib/care-plans";
import { StaleVersionError } from "@/lib/errors";
import { addDaysIso, toZonedInputValue, zonedDate } from "@/lib/time";
import {
  actorFor,
  addToCareTeam,
  assignToCaseload,
  createClinician,
  createPatient,
  createUser,
} from "./support/factories";

/**
 * Resilience, races: many people (or one impatient double-clicker) doing the same thing at the
 * same moment. The database decides; exactly one wins and everyone else gets a clear refusal.
 */
describe("races", () => {
  let coordinator: Actor;
  let clinicianId: string;

  beforeAll(async () => {
    coordinator = actorFor(await createUser("coordinator", { name: "Casey Race" }));
    clinicianId = (await createClinician({ name: "Dr. Rita Race" })).id;
  });

  const refusalsOf = (results: PromiseSettledResult<unknown>[]) =>
    results
      .filter((r): r is PromiseRejectedResult => r.status === "rejected")
      .slice(0, 3)
      .map((r) => `${(r.reason as Error).name}: ${(r.reason as Error).message}`)
      .join("; ");

  const day = toZonedInputValue(new Date(Date.now() + 9 * 86_400_000)).slice(0, 10);
  const booking = (title: string, withClinician: boolean) => {
    const parsed = parseAppointment({
      kind: "treatment",
      title,
      location: "Infusion suite",
      startsAt: `${day}T10:00`,
      endsAt: `${day}T11:00`,
      ...(withClinician ? { clinicianId } : {}),
    });
    if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
    return parsed.data;
  };

  it("books exactly one of 50 concurrent bookings of one patient's slot; the rest are told it clashes", async () => {
    const patientId = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        bookAppointments(coordinator, patientId, booking(`Try ${i}`, false)),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    // Should none win, say why the first few lost.
    expect(won, refusalsOf(results)).toHaveLength(1);
    expect(refused.map((r) => (r.reason as Error).name)).toEqual(Array(49).fill("ClashError"));
    expect(refused.every((r) => r.reason instanceof ClashError)).toBe(true);
    const rows = await db().select().from(appointments).where(eq(appointments.patientId, patientId));
    expect(rows).toHaveLength(1);
    // The one that won was audited, in the same transaction.
    const audited = await db()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "appointment.create"), eq(auditEvents.patientId, patientId)));
    expect(audited).toHaveLength(1);
  });

  it("books one of 50 patients into one clinician's slot at once", async () => {
    const patientIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const id = (await createPatient()).id;
      await assignToCaseload(coordinator.userId, id, "coordinator");
      await addToCareTeam(id, clinicianId);
      patientIds.push(id);
    }
    const results = await Promise.allSettled(
      patientIds.map((id, i) => bookAppointments(coordinator, id, booking(`Clinic ${i}`, true))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const reasons = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(reasons.every((e) => e instanceof ClashError)).toBe(true);
    const [row] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(appointments)
      .where(and(eq(appointments.clinicianId, clinicianId), sql`${appointments.status} <> 'cancelled'`));
    expect(row!.n).toBe(1);
  });

  it("keeps one of 20 concurrent saves of one care plan from the same version; the rest are stale", async () => {
    const patientId = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    const planId = await startCarePlan(coordinator, patientId, {
      title: "Home after surgery",
      reviewDate: addDaysIso(zonedDate(), 60),
      templateId: null,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        updatePlanDetails(coordinator, planId, {
          title: `Home after surgery (${i})`,
          reviewDate: addDaysIso(zonedDate(), 30 + i),
          version: 1,
        }),
      ),
    );
    const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as Error] : []));
    // Should none win, say why the first few lost.
    expect(won, refusalsOf(results)).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const error of refused) {
      expect(error).toBeInstanceOf(StaleVersionError);
      expect(error.message).toBe(
        "Casey Race changed this record while you were editing. Review their change, then save again.",
      );
    }
    const [plan] = await db().select().from(carePlans).where(eq(carePlans.id, planId));
    expect(plan!.version).toBe(2);
    expect(plan!.title).toBe(`Home after surgery (${won[0]})`);
    // Every version exactly once: none lost, none duplicated, the last one the saved plan.
    const versions = await db()
      .select({ version: carePlanVersions.version, snapshot: carePlanVersions.snapshot })
      .from(carePlanVersions)
      .where(eq(carePlanVersions.planId, planId))
      .orderBy(carePlanVersions.version);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.snapshot.title).toBe(`Home after surgery (${won[0]})`);
  });
});
