import { eq } from "drizzle-orm";
import type { Bundle, CarePlan, CareTeam, Communication, FhirResource, Goal, Practitioner } from "fhir/r4";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { careTeamMembers } from "@/db/schema";
import { bookAppointments, cancelAppointment } from "@/lib/appointments";
import { parseAppointment } from "@/lib/appointments/schemas";
import { addPlanItem, getCarePlanPage, startCarePlan, transitionPlan } from "@/lib/care-plans";
import { intakeConcern } from "@/lib/concerns";
import { addResource, giveResource } from "@/lib/education";
import { startThread } from "@/lib/messages";
import { exportPatientBundle } from "@/lib/portal/fhir";
import { fileRightsRequest } from "@/lib/rights-requests";
import { addDaysIso, toZonedInputValue, zonedDate } from "@/lib/time";
import { createUpdate, publishUpdate } from "@/lib/updates";
import {
  actorFor,
  addToCareTeam,
  assignToCaseload,
  createClinician,
  createPatient,
  createUser,
} from "./support/factories";
import { fhirSchema, resolveReferences, unresolved } from "./support/fhir-bundle";

const today = zonedDate();

function booking(day: string, from: string, to: string, extra: Record<string, string> = {}) {
  const parsed = parseAppointment({
    kind: "treatment",
    title: "Physiotherapy",
    location: "Outpatient gym",
    startsAt: `${day}T${from}`,
    endsAt: `${day}T${to}`,
    ...extra,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

/** A patient with something of every kind the export carries, and a few things it must leave out. */
async function richPatient() {
  const coordinator = actorFor(await createUser("coordinator", { name: "Casey Coordinator" }));
  const advocate = actorFor(await createUser("advocate", { name: "Avery Advocate" }));
  const patientId = (await createPatient({ givenName: "Maria" })).id;
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  await assignToCaseload(advocate.userId, patientId, "advocate");
  const patient = actorFor(await createUser("patient", { patientId }));
  const park = await createClinician({ name: "Dr. Helen Park", discipline: "Physiotherapist" });
  const suite = await createClinician({ name: "Imaging suite", discipline: "Radiology", kind: "resource" });
  const former = await createClinician({ name: "Dr. Former Member", discipline: "Dietitian" });
  for (const c of [park, suite, former]) await addToCareTeam(patientId, c.id);
  await db()
    .update(careTeamMembers)
    .set({ archivedAt: new Date() })
    .where(eq(careTeamMembers.clinicianId, former.id));

  let version = 1;
  const planId = await startCarePlan(coordinator, patientId, {
    title: "Home after hip surgery",
    reviewDate: addDaysIso(today, 60),
    templateId: null,
  });
  const add = (item: Record<string, unknown>) =>
    addPlanItem(coordinator, planId, { ...item, version: version++ } as Parameters<typeof addPlanItem>[2]);
  const goal = { measure: null, targetDate: addDaysIso(today, 30), status: "active", priority: "high" };
  await add({ kind: "problem", description: "Lives alone" });
  await add({ kind: "goal", ...goal, description: "Walk to the shop", patientSet: true });
  await add({ kind: "goal", ...goal, description: "Sleep through the night", patientSet: false });
  const [walk] = (await getCarePlanPage(coordinator, patientId)).plan!.content.goals;
  const step = { dueDate: addDaysIso(today, 7), status: "not-started" };
  await add({
    kind: "intervention",
    ...step,
    description: "Home physio",
    goalId: walk!.id,
    owner: { type: "clinician", id: park.id },
  });
  await add({
    kind: "intervention",
    ...step,
    description: "Arrange transport",
    goalId: null,
    owner: { type: "user", id: coordinator.userId },
  });
  await add({ kind: "intervention", ...step, description: "Nobody's yet", goalId: null, owner: null });
  await transitionPlan(coordinator, planId, { to: "active", reason: null, version: version++ });

  const day = toZonedInputValue(new Date(Date.now() + 3 * 86_400_000)).slice(0, 10);
  await bookAppointments(coordinator, patientId, booking(day, "09:00", "10:00", { clinicianId: park.id }));
  await bookAppointments(
    coordinator,
    patientId,
    booking(day, "11:00", "11:30", { kind: "test", title: "Hip X-ray", clinicianId: suite.id }),
  );
  const [dropped] = await bookAppointments(coordinator, patientId, booking(day, "14:00", "14:30"));
  await cancelAppointment(coordinator, dropped!, { reason: "Patient asked to rebook", version: 1 });

  await intakeConcern(advocate, patientId, {
    raisedBy: "patient",
    raisedByName: null,
    category: "communication",
    severity: "low",
    whatHappened: "Nobody told me the physio time had changed.",
    desiredOutcome: "A call when it changes.",
    eventDate: null,
    aboutDischarge: false,
    confidential: false,
  });
  await fileRightsRequest(advocate, patientId, {
    type: "access",
    receivedOn: today,
    details: "A copy of my discharge summary.",
    requestedForm: null,
    healthPlanSelfPay: false,
  });
  const update = await createUpdate(coordinator, patientId, {
    title: "Your first week home",
    progress: "Walking further each day.",
    nextSteps: "Physio on Tuesday.",
    resources: null,
  });
  await publishUpdate(coordinator, update, 1);
  await startThread(coordinator, patientId, {
    subject: "Transport",
    body: "The van comes at 8.",
    shared: true,
  });
  const leaflet = await addResource(advocate, {
    // The library is shared by every patient in the file, and a title is unique in it.
    title: `Rides to medical appointments (${patientId.slice(0, 8)})`,
    category: "transport",
    summary: "The medical van takes you to appointments.",
    url: null,
    language: "en",
  });
  await giveResource(advocate, patientId, { resourceId: leaflet, note: null });

  // A draft plan is not exported, so nothing may point at it or its goal.
  const draft = await startCarePlan(coordinator, patientId, {
    title: "Next quarter",
    reviewDate: addDaysIso(today, 90),
    templateId: null,
  });
  await addPlanItem(coordinator, draft, {
    kind: "goal",
    ...goal,
    description: "Draft goal",
    patientSet: false,
    version: 1,
  } as Parameters<typeof addPlanItem>[2]);
  return { patient, patientId, coordinator, planId };
}

describe("the FHIR export's references", () => {
  it("resolve, every one of them, to an entry of the bundle", async () => {
    const { patient, patientId, coordinator, planId } = await richPatient();
    const bundle = await exportPatientBundle(patient, patientId);
    const validate = fhirSchema();
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);

    const entries = bundle.entry!;
    const fullUrls = entries.map((e) => e.fullUrl);
    expect(new Set(fullUrls).size, "one entry per fullUrl").toBe(entries.length);
    for (const e of entries) {
      expect(e.fullUrl).toBe(`urn:uuid:${e.resource!.id}`);
      expect(e.resource!.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }

    const found = resolveReferences(bundle);
    expect(unresolved(found)).toEqual([]);
    // The walk reached every kind of link the export makes, nested ones included.
    expect([...new Set(found.map((f) => f.path))].sort()).toEqual([
      "Appointment.participant.actor",
      "CarePlan.activity.detail.goal",
      "CarePlan.activity.detail.performer",
      "CarePlan.careTeam",
      "CarePlan.goal",
      "CarePlan.subject",
      "CareTeam.participant.member",
      "CareTeam.subject",
      "Communication.recipient",
      "Communication.subject",
      "Goal.expressedBy",
      "Goal.subject",
      "Task.for",
    ]);
    const targetOf = (path: string) =>
      found.filter((f) => f.path === path).map((f) => f.target as FhirResource & { id: string });
    expect(new Set(targetOf("Task.for").map((t) => t.id))).toEqual(new Set([patientId]));
    expect(targetOf("Task.for")).toHaveLength(2);
    expect(targetOf("Goal.expressedBy").map((t) => t.resourceType)).toEqual(["Patient"]);

    // One Practitioner per person, whichever resource names them.
    const names = (targets: FhirResource[]) =>
      targets.map((t) => (t as Practitioner).name?.[0]?.text ?? t.resourceType).sort();
    const team = entries.find((e) => e.resource!.resourceType === "CareTeam")!.resource as CareTeam;
    expect(team.participant!.map((p) => p.member!.display).sort()).toEqual([
      "Avery Advocate",
      "Casey Coordinator",
      "Dr. Helen Park",
      "Imaging suite",
    ]);
    expect(names(targetOf("CareTeam.participant.member"))).toEqual([
      "Avery Advocate",
      "Casey Coordinator",
      "Dr. Helen Park",
    ]);
    expect(names(targetOf("Appointment.participant.actor"))).toEqual([
      "Dr. Helen Park",
      "Patient",
      "Patient",
      "Patient",
    ]);
    expect(names(targetOf("CarePlan.activity.detail.performer"))).toEqual([
      "Casey Coordinator",
      "Dr. Helen Park",
    ]);
    const practitioners = entries.filter((e) => e.resource!.resourceType === "Practitioner");
    expect(practitioners).toHaveLength(3);
    expect(JSON.stringify(bundle)).not.toContain(coordinator.userId);

    const plans = entries.map((e) => e.resource!).filter((r): r is CarePlan => r.resourceType === "CarePlan");
    expect(plans.map((p) => p.id)).toEqual([planId]);
    const goals = entries.map((e) => e.resource!).filter((r): r is Goal => r.resourceType === "Goal");
    expect(goals.map((g) => g.description.text).sort()).toEqual([
      "Sleep through the night",
      "Walk to the shop",
    ]);
    const physio = plans[0]!.activity!.find((a) => a.detail!.description === "Home physio")!;
    expect((targetOf("CarePlan.activity.detail.goal")[0] as Goal).description.text).toBe("Walk to the shop");
    expect(physio.detail!.goal![0]!.reference).toBe(`urn:uuid:${goals.find((g) => g.expressedBy)!.id}`);
  });

  it("the check fails on a reference that does not resolve (control)", async () => {
    const { patient, patientId } = await richPatient();
    const bundle = await exportPatientBundle(patient, patientId);
    const broken = (change: (resources: FhirResource[]) => void) => {
      const copy = structuredClone(bundle);
      change(copy.entry!.map((e) => e.resource!));
      return unresolved(resolveReferences(copy));
    };
    // The export as it was: urn:uuid fullUrls and "Patient/<id>" references, which R4 cannot resolve.
    expect(
      broken((all) => {
        for (const r of all) if (r.resourceType === "Goal") r.subject = { reference: `Patient/${patientId}` };
      }),
    ).toEqual([
      expect.stringMatching(
        /^Goal\.subject → Patient\/.*: relative, and the entry's fullUrl is not a RESTful/,
      ),
      expect.stringMatching(/^Goal\.subject → Patient\//),
    ]);
    // Deep in a plan: a goal that is not in the bundle.
    const missing = "urn:uuid:00000000-0000-4000-8000-000000000000";
    expect(
      broken((all) => {
        const plan = all.find((r): r is CarePlan => r.resourceType === "CarePlan")!;
        plan.activity![0]!.detail!.goal = [{ reference: missing }];
      }),
    ).toEqual([`CarePlan.activity.detail.goal → ${missing}: no entry has this fullUrl`]);
    // A reference that finds an entry of another type than it says.
    expect(
      broken((all) => {
        const team = all.find((r): r is CareTeam => r.resourceType === "CareTeam")!;
        team.subject = { ...team.subject, type: "Practitioner" };
      }),
    ).toEqual([`CareTeam.subject → urn:uuid:${patientId}: says Practitioner, resolves to Patient`]);

    // And the walker is the spec's, not string equality: server-style fullUrls resolve relative references.
    const served: Bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [
        { fullUrl: "http://example.org/fhir/Patient/1", resource: { resourceType: "Patient", id: "1" } },
        {
          fullUrl: "http://example.org/fhir/Goal/2",
          resource: {
            resourceType: "Goal",
            id: "2",
            lifecycleStatus: "active",
            description: { text: "x" },
            subject: { reference: "Patient/1" },
            expressedBy: { reference: "Patient/3" },
          },
        },
      ],
    };
    expect(unresolved(resolveReferences(served))).toEqual([
      "Goal.expressedBy → Patient/3: no entry at <base>/<reference>",
    ]);
  });
});

describe("the FHIR export's languages", () => {
  it("says the language staff wrote in, and carries English beside Spanish as FHIR's translation extension", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const patientId = (await createPatient({ preferredLanguage: "es" })).id;
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    const patient = actorFor(await createUser("patient", { patientId }));
    const spanish = await createUpdate(coordinator, patientId, {
      title: "Su primera semana",
      progress: "Camina más cada día.",
      nextSteps: null,
      resources: null,
      language: "es",
      progressEnglish: "Walking further each day.",
    });
    await publishUpdate(coordinator, spanish, 1);
    const english = await createUpdate(coordinator, patientId, {
      title: "Week two",
      progress: "Still walking.",
      nextSteps: null,
      resources: null,
      language: "en",
    });
    await publishUpdate(coordinator, english, 1);
    await startThread(coordinator, patientId, {
      subject: "Transporte",
      body: "La camioneta llega a las 8.",
      bodyEnglish: "The van comes at 8.",
      shared: true,
      language: "es",
    });

    const bundle = await exportPatientBundle(patient, patientId);
    const validate = fhirSchema();
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const communications = bundle
      .entry!.map((e) => e.resource!)
      .filter((r): r is Communication => r.resourceType === "Communication");
    const byId = (id: string) => communications.find((c) => c.id === id)!;
    const translation = {
      extension: [
        {
          url: "http://hl7.org/fhir/StructureDefinition/translation",
          extension: [
            { url: "lang", valueCode: "en" },
            { url: "content", valueString: "Walking further each day." },
          ],
        },
      ],
    };
    expect(byId(spanish)).toMatchObject({
      language: "es",
      payload: [{ contentString: "Camina más cada día.", _contentString: translation }],
    });
    // Written in English only: its language, and no translation.
    expect(byId(english).language).toBe("en");
    expect(byId(english).payload![0]).toEqual({ contentString: "Still walking." });
    const message = communications.find((c) => c.topic?.text === "Transporte")!;
    expect(message.language).toBe("es");
    expect(message.payload![0]!._contentString!.extension![0]!.extension![1]).toEqual({
      url: "content",
      valueString: "The van comes at 8.",
    });
  });
});
