import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { disclosureAccountings, disclosures } from "@/db/schema";
import {
  disclosureSchemas,
  getAccounting,
  getDisclosureLog,
  produceAccounting,
  recordDisclosure,
  voidDisclosure,
} from "@/lib/disclosures";
import { DomainError, NotFoundError } from "@/lib/errors";
import { fileRightsRequest } from "@/lib/rights-requests";
import { addDaysIso, addYearsIso, zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const today = zonedDate();
const entry = (extra: Record<string, unknown> = {}) => ({
  disclosedOn: addDaysIso(today, -30),
  recipient: "Hampden County Public Health",
  recipientAddress: null,
  description: "Immunisation dates and the diagnosis of pertussis.",
  purpose: "Mandatory public health reporting of a notifiable disease.",
  ...extra,
});

async function setup() {
  const advocate = actorFor(await createUser("advocate"));
  const coordinator = actorFor(await createUser("coordinator"));
  const patientId = (await createPatient()).id;
  await assignToCaseload(advocate.userId, patientId, "advocate");
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  return { advocate, coordinator, patientId };
}

describe("the disclosure log and the accounting of disclosures", () => {
  it("keeps entries, voids them with a reason, and an accounting lists the log as it stood then", async () => {
    const { advocate, coordinator, patientId } = await setup();
    const old = await recordDisclosure(
      coordinator,
      patientId,
      entry({ disclosedOn: addDaysIso(today, -400) }),
    );
    const kept = await recordDisclosure(advocate, patientId, entry());
    const mistaken = await recordDisclosure(
      advocate,
      patientId,
      entry({ recipient: "Wrong patient's insurer" }),
    );
    await voidDisclosure(advocate, mistaken, { reason: "Recorded against the wrong patient." });
    await expect(voidDisclosure(advocate, mistaken, { reason: "Again, by mistake." })).rejects.toBeInstanceOf(
      DomainError,
    );

    const log = await getDisclosureLog(coordinator, patientId);
    expect(log.canWrite).toBe(true);
    expect(log.canProduceAccounting, "only advocates answer rights requests").toBe(false);
    expect(log.disclosures.map((d) => d.id).sort()).toEqual([old, kept, mistaken].sort());
    expect(log.disclosures.find((d) => d.id === mistaken)!.voidReason).toBe(
      "Recorded against the wrong patient.",
    );
    expect(log.nextAccountingFree).toBe(true);

    const request = await fileRightsRequest(advocate, patientId, {
      type: "accounting",
      receivedOn: today,
      details: "Who has my records been sent to?",
      requestedForm: null,
      healthPlanSelfPay: false,
    });
    const first = await produceAccounting(advocate, patientId, {
      periodFrom: addDaysIso(today, -365),
      rightsRequestId: request,
    });
    const given = await getAccounting(advocate, patientId, first);
    expect(given.accounting.free).toBe(true);
    expect(
      given.disclosures.map((d) => d.id),
      "the period and the voided entry leave it",
    ).toEqual([kept]);

    // Recorded later: not part of the accounting already given.
    const later = await recordDisclosure(advocate, patientId, entry({ recipient: "Springfield Court" }));
    expect((await getAccounting(advocate, patientId, first)).disclosures.map((d) => d.id)).toEqual([kept]);

    const second = await produceAccounting(advocate, patientId, {
      periodFrom: addYearsIso(today, -6),
      rightsRequestId: null,
    });
    const again = await getAccounting(coordinator, patientId, second);
    expect(again.accounting.free, "the second within 12 months may carry a fee").toBe(false);
    expect(again.disclosures.map((d) => d.id)).toEqual([old, kept, later]);
    expect((await getDisclosureLog(advocate, patientId)).nextAccountingFree).toBe(false);
  });

  it("audits the log and an accounting's view under the patient; an outsider is refused and audited", async () => {
    const { advocate, coordinator, patientId } = await setup();
    await recordDisclosure(coordinator, patientId, entry());
    const log = await getDisclosureLog(coordinator, patientId);
    expect(log.patient.id).toBe(patientId);
    expect(await auditTrail(coordinator.userId, "disclosure.list")).toEqual([
      expect.objectContaining({ patientId, entityType: "patient", entityId: patientId, details: null }),
    ]);
    const accounting = await produceAccounting(advocate, patientId, {
      periodFrom: today,
      rightsRequestId: null,
    });
    expect((await getAccounting(advocate, patientId, accounting)).patient.id).toBe(patientId);
    expect(await auditTrail(advocate.userId, "disclosure.accounting-view")).toEqual([
      expect.objectContaining({
        patientId,
        entityType: "disclosure_accounting",
        entityId: accounting,
        details: null,
      }),
    ]);

    const outsider = actorFor(await createUser("advocate"));
    await expect(getDisclosureLog(outsider, patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAccounting(outsider, patientId, accounting)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTrail(outsider.userId, "disclosure.list")).toEqual([]);
    expect(await auditTrail(outsider.userId, "disclosure.accounting-view")).toEqual([]);
    expect(await auditTrail(outsider.userId, "access.denied")).toEqual([
      expect.objectContaining({
        patientId,
        details: expect.objectContaining({ permission: "read:disclosures" }),
      }),
      expect.objectContaining({
        patientId,
        details: expect.objectContaining({ permission: "read:disclosures" }),
      }),
    ]);
  });

  it("serialises accountings so only one of two produced at once is free", async () => {
    const { advocate, patientId } = await setup();
    const ids = await Promise.all(
      [1, 2, 3].map(() =>
        produceAccounting(advocate, patientId, { periodFrom: today, rightsRequestId: null }),
      ),
    );
    const rows = await db()
      .select({ id: disclosureAccountings.id, free: disclosureAccountings.free })
      .from(disclosureAccountings)
      .where(eq(disclosureAccountings.patientId, patientId));
    expect(rows).toHaveLength(ids.length);
    expect(rows.filter((r) => r.free)).toHaveLength(1);
  });

  it("refuses what the rule does not allow, and the database keeps the log as written", async () => {
    const { advocate, coordinator, patientId } = await setup();
    const other = (await createPatient()).id;
    await assignToCaseload(advocate.userId, other, "advocate");
    const othersRequest = await fileRightsRequest(advocate, other, {
      type: "accounting",
      receivedOn: today,
      details: "Who has seen my record?",
      requestedForm: null,
      healthPlanSelfPay: false,
    });
    const wrong = (await produceAccounting(advocate, patientId, {
      periodFrom: today,
      rightsRequestId: othersRequest,
    }).catch((e: unknown) => e)) as DomainError;
    expect(wrong.fieldErrors.rightsRequestId).toBeDefined();

    const schemas = disclosureSchemas(today);
    const bad = schemas.record.safeParse(
      entry({ disclosedOn: addDaysIso(today, 1), recipient: " ", description: "" }),
    );
    const errors = bad.error!.flatten().fieldErrors;
    expect(errors.disclosedOn).toEqual(["The date cannot be in the future."]);
    expect(errors.recipient).toBeDefined();
    expect(errors.description).toBeDefined();
    expect(
      schemas.accounting.safeParse({ periodFrom: addDaysIso(addYearsIso(today, -6), -1) }).error!.flatten()
        .fieldErrors.periodFrom,
    ).toEqual(["An accounting covers at most the past six years."]);

    const id = await recordDisclosure(advocate, patientId, entry());
    await expectDatabaseError(
      db().execute(sql`update disclosures set recipient = 'rewritten' where id = ${id}`),
      {
        code: "42501",
        trigger: "disclosures_kept",
        message: "a disclosure log entry cannot be edited; void it with the reason and record it again",
      },
    );
    await expectDatabaseError(db().delete(disclosures).where(eq(disclosures.id, id)), {
      code: "42501",
      trigger: "disclosures_kept",
      message: "the disclosure log is kept: delete refused",
    });
    const accounting = await produceAccounting(advocate, patientId, {
      periodFrom: today,
      rightsRequestId: null,
    });
    await expectDatabaseError(
      db().execute(sql`update disclosure_accountings set free = false where id = ${accounting}`),
      {
        code: "42501",
        trigger: "disclosure_accountings_kept",
        message: "an accounting of disclosures is kept as given",
      },
    );

    const patientUser = actorFor(await createUser("patient", { patientId }));
    const stranger = actorFor(await createUser("advocate"));
    for (const call of [
      () => getDisclosureLog(patientUser, patientId),
      () => getDisclosureLog(stranger, patientId),
      () => recordDisclosure(stranger, patientId, entry()),
      () => voidDisclosure(stranger, id, { reason: "Not mine to void." }),
      () => produceAccounting(coordinator, patientId, { periodFrom: today, rightsRequestId: null }),
      () => getAccounting(advocate, other, accounting),
    ])
      await expect(call()).rejects.toBeInstanceOf(NotFoundError);
  });
});
