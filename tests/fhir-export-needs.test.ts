import type {
  Bundle,
  Condition,
  Consent,
  DocumentReference,
  FhirResource,
  Observation,
  Organization,
  Questionnaire,
  QuestionnaireResponse,
  RelatedPerson,
  ServiceRequest,
} from "fhir/r4";
import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { exportPatientBundle } from "@/lib/portal/fhir";
import { auditTrail } from "./support/audit-trail";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";
import { fhirSchema, resolveReferences, unresolved } from "./support/fhir-bundle";
import { LOINC, PDF, STAFF_ONLY, socialRecord } from "./support/social-care-rows";

// The export's social-needs and advance-care resources (issue 18), from rows seeded straight into
// the tables (./support/social-care-rows.ts).

async function world() {
  const advocate = actorFor(await createUser("advocate", { name: "Avery Advocate" }));
  const patientId = (await createPatient()).id;
  await assignToCaseload(advocate.userId, patientId, "advocate");
  const patient = actorFor(await createUser("patient", { patientId }));
  const rows = await socialRecord(patientId, patient.userId, advocate.userId);
  return { advocate, patient, patientId, rows };
}

const ofType = <T extends FhirResource>(bundle: Bundle, type: T["resourceType"]) =>
  bundle.entry!.map((e) => e.resource!).filter((r): r is T => r.resourceType === type);
const byId = <T extends FhirResource>(bundle: Bundle, type: T["resourceType"], id: string) =>
  ofType<T>(bundle, type).find((r) => r.id === id)!;
const ref = (id: string) => `urn:uuid:${id}`;

describe("the FHIR export's screenings, needs, referrals and directives", () => {
  it("validate as R4, and every reference among them resolves inside the bundle", async () => {
    const { patient, patientId } = await world();
    const bundle = await exportPatientBundle(patient, patientId);
    const validate = fhirSchema();
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    for (const e of bundle.entry!) {
      expect(e.fullUrl).toBe(`urn:uuid:${e.resource!.id}`);
      expect(e.resource!.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    expect(new Set(bundle.entry!.map((e) => e.fullUrl)).size).toBe(bundle.entry!.length);

    const found = resolveReferences(bundle);
    expect(unresolved(found)).toEqual([]);
    const added = [
      "Questionnaire",
      "QuestionnaireResponse",
      "Observation",
      "Condition",
      "ServiceRequest",
      "RelatedPerson",
      "Consent",
      "DocumentReference",
    ];
    expect(
      [...new Set(found.map((f) => f.path).filter((p) => added.includes(p.split(".")[0]!)))].sort(),
    ).toEqual([
      "Condition.evidence.detail",
      "Condition.subject",
      "Consent.patient",
      "Consent.performer",
      "Consent.provision.actor.reference",
      "Consent.sourceReference",
      "DocumentReference.subject",
      "Observation.derivedFrom",
      "Observation.hasMember",
      "Observation.subject",
      "QuestionnaireResponse.author",
      "QuestionnaireResponse.source",
      "QuestionnaireResponse.subject",
      "RelatedPerson.patient",
      "ServiceRequest.performer",
      "ServiceRequest.reasonReference",
      "ServiceRequest.requester",
      "ServiceRequest.subject",
    ]);
    const count = (type: string) => bundle.entry!.filter((e) => e.resource!.resourceType === type).length;
    expect(Object.fromEntries(added.concat("Organization").map((t) => [t, count(t)]))).toEqual({
      Questionnaire: 2,
      QuestionnaireResponse: 3,
      // Five domain results and one panel for each of the two scored screenings.
      Observation: 7,
      Condition: 4,
      ServiceRequest: 3,
      RelatedPerson: 2,
      Consent: 2,
      DocumentReference: 2,
      Organization: 2,
    });
    // The schema looks inside the new resources too (control): an unknown state, an unknown element.
    const broken = (change: (b: Bundle) => void) => {
      const copy = structuredClone(bundle);
      change(copy);
      return validate(copy);
    };
    expect(broken((b) => Object.assign(ofType<Consent>(b, "Consent")[0]!, { status: "maybe" }))).toBe(false);
    expect(
      broken((b) => Object.assign(ofType<ServiceRequest>(b, "ServiceRequest")[0]!, { outcome: "x" })),
    ).toBe(false);
    expect(broken(() => {})).toBe(true);
  });

  it("answers as coded options of the questionnaire answered, results as SDOH Observations derived from them", async () => {
    const { patient, patientId, advocate, rows } = await world();
    const bundle = await exportPatientBundle(patient, patientId);
    const ahc = byId<Questionnaire>(bundle, "Questionnaire", rows.questionnaires.ahc.id);
    expect(ahc).toMatchObject({ url: rows.questionnaires.ahc.url, version: "1", status: "active" });
    const screened = byId<QuestionnaireResponse>(bundle, "QuestionnaireResponse", rows.responses.screened.id);
    expect(screened).toMatchObject({
      status: "completed",
      questionnaire: `${ahc.url}|1`,
      language: "es",
      author: { reference: ref(patientId) },
      source: { reference: ref(patientId) },
    });
    // In the questionnaire's order and nesting; the display text and unanswered questions left out.
    expect(screened.item!.map((i) => i.linkId)).toEqual(["living", "problems", "safety"]);
    expect(screened.item![0]!.answer).toEqual([
      { valueCoding: { system: LOINC, code: "LA31994-9", display: "I am worried about losing it" } },
    ]);
    expect(screened.item![0]!._text!.extension![0]!.extension![1]).toEqual({
      url: "content",
      valueString: "¿Cuál es su situación de vivienda hoy?",
    });
    expect(screened.item![1]!.answer!.map((a) => a.valueCoding!.display)).toEqual(["Mold", "Water leaks"]);
    expect(screened.item![2]!.item!.map((i) => [i.linkId, i.answer![0]!.valueCoding!.code])).toEqual([
      ["hurt", "LA6482-9"],
      ["insult", "LA6270-8"],
    ]);
    const partial = byId<QuestionnaireResponse>(bundle, "QuestionnaireResponse", rows.responses.partial.id);
    expect(partial.status).toBe("in-progress");
    const withStaff = byId<QuestionnaireResponse>(
      bundle,
      "QuestionnaireResponse",
      rows.responses.withStaff.id,
    );
    expect(withStaff.author!.display).toBe(advocate.name);
    expect(withStaff.author!.type).toBe("Practitioner");

    const observation = (id: string) => byId<Observation>(bundle, "Observation", id);
    const food = observation(rows.results.food.id);
    expect(food.category!.map((c) => c.coding![0]!.code)).toEqual([
      "social-history",
      "sdoh",
      "food-insecurity",
    ]);
    expect(food.code.coding).toEqual([
      { system: LOINC, code: "88124-3", display: "Food insecurity risk [HVS]" },
    ]);
    expect(food.valueCodeableConcept!.coding![0]!.code).toBe("LA19952-3");
    expect(food.derivedFrom).toEqual([
      { reference: ref(rows.responses.screened.id), type: "QuestionnaireResponse" },
    ]);
    const safety = observation(rows.results.safety.id);
    expect([
      safety.code.coding![0]!.code,
      safety.valueInteger,
      safety.interpretation![0]!.coding![0]!.code,
    ]).toEqual(["95614-4", 12, "POS"]);
    const transportation = observation(rows.results.transportation.id);
    expect([transportation.code.coding, transportation.valueCodeableConcept!.text]).toEqual([
      undefined,
      "Negative",
    ]);
    // Another instrument: the domain in words, the score beside the finding.
    const mood = observation(rows.results.mood.id);
    expect(mood.code).toEqual({ text: "Mental health screening result" });
    expect(mood.component).toEqual([{ code: { text: "Score" }, valueInteger: 4 }]);
    const panel = ofType<Observation>(bundle, "Observation").find(
      (o) => o.code.coding?.[0]?.code === "96777-8",
    )!;
    expect(panel.hasMember!.map((m) => m.reference).sort()).toEqual(
      [rows.results.housing, rows.results.food, rows.results.safety, rows.results.transportation]
        .map((r) => ref(r.id))
        .sort(),
    );
  });

  it("needs as Conditions, referrals as ServiceRequests to Organizations, agents and directives, the scan inside", async () => {
    const { patient, patientId, rows } = await world();
    const bundle = await exportPatientBundle(patient, patientId);
    const condition = (id: string) => byId<Condition>(bundle, "Condition", id);
    const clinical = (id: string) => condition(id).clinicalStatus!.coding![0]!.code;
    expect(
      [rows.needs.food, rows.needs.housing, rows.needs.transport, rows.needs.safety].map(clinical),
    ).toEqual(["resolved", "active", "active", "active"]);
    expect(condition(rows.needs.food).abatementDateTime).toBeTruthy();
    expect(condition(rows.needs.food).evidence![0]!.detail![0]!.reference).toBe(ref(rows.results.food.id));
    expect(condition(rows.needs.transport).evidence).toBeUndefined();
    expect(condition(rows.needs.transport).note![0]!.text).toMatch(/declined/);
    expect(condition(rows.needs.safety).category![0]!.coding![0]!.code).toBe("health-concern");

    const request = (id: string) => byId<ServiceRequest>(bundle, "ServiceRequest", id);
    expect(
      [rows.referrals.groceries, rows.referrals.unanswered, rows.referrals.pending].map(
        (id) => request(id).status,
      ),
    ).toEqual(["completed", "revoked", "active"]);
    const groceries = request(rows.referrals.groceries);
    expect(groceries).toMatchObject({
      intent: "order",
      reasonReference: [{ reference: ref(rows.needs.food), type: "Condition" }],
    });
    expect(groceries.note!.map((n) => n.text)).toEqual([
      "Weekly groceries arranged",
      "The patient's word: I got help.",
    ]);
    expect(groceries.performer![0]!.reference).toBe(ref(rows.services.pantry.id));
    const pantry = byId<Organization>(bundle, "Organization", rows.services.pantry.id);
    expect(pantry.telecom!.map((t) => `${t.system}:${t.value}`)).toEqual([
      "phone:555-0101",
      "email:help@pantry.example",
      "url:https://pantry.example",
    ]);

    const people = ofType<RelatedPerson>(bundle, "RelatedPerson");
    expect(people.map((p) => p.id).sort()).toEqual([rows.agents.proxy, rows.agents.alternate].sort());
    expect(
      byId<RelatedPerson>(bundle, "RelatedPerson", rows.agents.proxy).relationship![0]!.coding![0]!.code,
    ).toBe("HPOWATT");
    expect(
      byId<RelatedPerson>(bundle, "RelatedPerson", rows.agents.alternate).relationship![0]!.text,
    ).toMatch(/Alternate.*first/);

    const documents = ofType<DocumentReference>(bundle, "DocumentReference");
    expect(documents.map((d) => d.id).sort()).toEqual(
      [rows.directives.scanned, rows.directives.paper].sort(),
    );
    const scan = byId<DocumentReference>(bundle, "DocumentReference", rows.directives.scanned).content[0]!
      .attachment;
    expect([scan.contentType, scan.size, scan.title]).toEqual(["application/pdf", PDF.length, "proxy.pdf"]);
    // Through JSON, as the patient downloads it: the bytes come back whole.
    const downloaded = JSON.parse(JSON.stringify(bundle)) as Bundle;
    const data = byId<DocumentReference>(downloaded, "DocumentReference", rows.directives.scanned).content[0]!
      .attachment.data!;
    expect(Buffer.from(data, "base64").equals(PDF)).toBe(true);
    expect(
      byId<DocumentReference>(bundle, "DocumentReference", rows.directives.paper).content[0]!.attachment.data,
    ).toBeUndefined();
    const consents = ofType<Consent>(bundle, "Consent");
    expect(consents.map((c) => c.sourceReference!.reference).sort()).toEqual(
      [ref(rows.directives.scanned), ref(rows.directives.paper)].sort(),
    );
    const proxyConsent = consents.find((c) => c.sourceReference!.reference === ref(rows.directives.scanned))!;
    expect(proxyConsent).toMatchObject({
      status: "active",
      scope: { coding: [{ code: "adr" }] },
      dateTime: "2024-03-01",
    });
    expect(proxyConsent.provision!.actor![0]!.reference.reference).toBe(ref(rows.agents.proxy));
  });

  it("carries nothing of another patient's, nor the staff's own notes", async () => {
    const mine = await world();
    const theirs = await world();
    const idsOf = (rows: Awaited<ReturnType<typeof world>>["rows"]) =>
      Object.values(rows).flatMap((group) =>
        Object.values(group).map((v) => (typeof v === "string" ? v : v.id)),
      );
    const archived = [mine.rows.agents.replaced, mine.rows.directives.archived];
    const text = JSON.stringify(await exportPatientBundle(mine.patient, mine.patientId));
    // Positive control: the other patient's rows are in their own export, archived ones aside.
    const theirText = JSON.stringify(await exportPatientBundle(theirs.patient, theirs.patientId));
    const theirArchived = [theirs.rows.agents.replaced, theirs.rows.directives.archived];
    for (const id of idsOf(theirs.rows).filter((id) => !theirArchived.includes(id)))
      expect(theirText).toContain(id);
    for (const id of idsOf(theirs.rows)) expect(text).not.toContain(id);
    for (const id of archived) expect(text).not.toContain(id);
    expect(text).not.toContain(STAFF_ONLY);
  });
});

describe("who takes the export", () => {
  it("only the patient: family with every scope, her advocate and another patient get a 404", async () => {
    const { patient, patientId, advocate } = await world();
    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patientId, patient.userId, {
      canViewTimeline: true,
      canRaiseConcerns: true,
      canViewRequests: true,
      canMessage: true,
    });
    const stranger = await world();
    for (const actor of [family, advocate, stranger.patient])
      await expect(exportPatientBundle(actor, patientId)).rejects.toBeInstanceOf(NotFoundError);
    // Positive control: she takes it, and the taking is on the trail.
    const bundle = await exportPatientBundle(patient, patientId);
    expect(bundle.entry!.some((e) => e.resource!.resourceType === "Consent")).toBe(true);
    expect(await auditTrail(patient.userId, "portal.export")).toEqual([
      expect.objectContaining({ patientId, entityType: "patient", entityId: patientId }),
    ]);
    expect(await auditTrail(family.userId, "portal.export")).toEqual([]);
  });
});
