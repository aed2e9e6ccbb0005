import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { captureStatements, db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit";
import { recordAudit } from "@/lib/audit/record";
import { getDecisionsPage } from "@/lib/decisions";
import { getDirectivesPage } from "@/lib/directives";
import { NotFoundError } from "@/lib/errors";
import { getPatientOverview } from "@/lib/patients";
import { auditReadsTogether } from "@/lib/records/read-audit";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

describe("the audit trail", () => {
  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    const admin = actorFor(await createUser("admin"));
    await recordAudit(db(), admin, { action: "audit.search" });
    for (const [statement, op] of [
      [sql`update audit_events set action = 'tampered'`, "UPDATE"],
      [sql`delete from audit_events`, "DELETE"],
    ] as const)
      await expectDatabaseError(db().execute(statement), {
        code: "42501",
        trigger: "audit_events_no_update_or_delete",
        message: `audit_events is append-only: ${op} refused`,
      });
    await expectDatabaseError(db().execute(sql`truncate audit_events`), {
      code: "42501",
      trigger: "audit_events_no_truncate",
      message: "audit_events is append-only: TRUNCATE refused",
    });
    const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(row!.n).toBeGreaterThan(0);
  });

  it("records every read of a patient's record with ids only, never the PHI values", async () => {
    const coordinator = await createUser("coordinator");
    const patient = await createPatient({
      givenName: "Zelda",
      familyName: "Quintero",
      phone: "(413) 555-0101",
    });
    await assignToCaseload(coordinator.id, patient.id, "coordinator");
    await getPatientOverview(actorFor(coordinator), patient.id);
    const rows = await db()
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.patientId} = ${patient.id} and ${auditEvents.action} = 'patient.read'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorUserId).toBe(coordinator.id);
    const serialised = JSON.stringify(rows[0]);
    for (const phi of ["Zelda", "Quintero", "555-0101", patient.mrn]) expect(serialised).not.toContain(phi);
  });

  it("writes a page's read events in one statement; those of finished reads even when another is refused", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const mine = await createPatient();
    const other = await createPatient();
    await assignToCaseload(coordinator.userId, mine.id, "coordinator");
    const statements = await captureStatements(() =>
      auditReadsTogether(() =>
        Promise.all([getPatientOverview(coordinator, mine.id), getDirectivesPage(coordinator, mine.id)]),
      ),
    );
    expect(statements.filter((s) => /^\s*insert into "audit_events"/i.test(s.query))).toHaveLength(1);
    expect(await auditTrail(coordinator.userId, "patient.read")).toHaveLength(1);
    expect((await auditTrail(coordinator.userId, "directive.read")).map((e) => e.details)).toEqual([
      { view: "banner" },
      { view: "page" },
    ]);
    // A refusal on the same page: written where it happens, and the read that finished is still audited.
    const refused = auditReadsTogether(async () => {
      await getDecisionsPage(coordinator, mine.id);
      return getDecisionsPage(coordinator, other.id);
    });
    await expect(refused).rejects.toBeInstanceOf(NotFoundError);
    expect((await auditTrail(coordinator.userId, "decision.read")).map((e) => e.patientId)).toEqual([
      mine.id,
    ]);
    expect((await auditTrail(coordinator.userId, "access.denied")).map((e) => e.patientId)).toEqual([
      other.id,
    ]);
  });

  it("is readable by an admin only, with filters and paging in SQL", async () => {
    const admin = actorFor(await createUser("admin"));
    const coordinator = actorFor(await createUser("coordinator"));
    for (let i = 0; i < 3; i++) await recordAudit(db(), coordinator, { action: "patient.list" });
    const page = await listAuditEvents(admin, { user: coordinator.userId, action: "patient.list", page: 1 });
    expect(page.total).toBe(3);
    expect(page.rows.every((r) => r.action === "patient.list")).toBe(true);
    await expect(listAuditEvents(coordinator, { page: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });
});
