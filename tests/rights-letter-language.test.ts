import { eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import {
  letterVersion,
  RightsLetter,
  type RightsLetterContent,
} from "@/components/rights-requests/rights-letter";
import { db } from "@/db/client";
import { rightsRequests } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import type { DomainError } from "@/lib/errors";
import { RIGHTS_LETTER } from "@/lib/letters/rights-letter";
import {
  DENIAL_REASONS,
  decideRightsRequest,
  extendRightsRequest,
  fileRightsRequest,
  getRightsRequest,
  listPatientRightsRequests,
  listPortalRightsRequests,
  RIGHTS_REQUEST_TYPES,
  rightsSchemas,
} from "@/lib/rights-requests";
import { zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const today = zonedDate();
const SPANISH = "Revisamos su historia con la cirujana: el registro es exacto y está completo.";
const ENGLISH = "We checked your history with the surgeon: the record is accurate and complete.";
const amendment = {
  type: "amendment" as const,
  receivedOn: today,
  details: "The note says I refused physiotherapy. I never did.",
  requestedForm: null,
  healthPlanSelfPay: false,
};
const denial = (version: number, extra = {}) => ({
  decision: "denied" as const,
  reasonCode: "accurate-complete",
  reason: SPANISH,
  disagreementRightStated: true,
  decidedOn: today,
  version,
  ...extra,
});
const fieldErrors = async (work: Promise<unknown>) =>
  ((await work.catch((e: unknown) => e)) as DomainError).fieldErrors;
const row = async (id: string) =>
  (await db().select().from(rightsRequests).where(eq(rightsRequests.id, id)))[0]!;

describe("the letters' language", () => {
  let advocate: Actor;
  let patient: Actor;
  let patientId: string;

  beforeEach(async () => {
    advocate = actorFor(await createUser("advocate"));
    patientId = (await createPatient({ preferredLanguage: "es", interpreterNeeded: true })).id;
    patient = actorFor(await createUser("patient", { patientId }));
    await assignToCaseload(advocate.userId, patientId, "advocate");
  });

  it("saves the decision in the letter's language with English beside, audited by language and never by words", async () => {
    const need = (await listPatientRightsRequests(advocate, patientId)).languageNeed;
    expect(need).toEqual({ preferredLanguage: "es", interpreterNeeded: true, defaultLanguage: "es" });
    const id = await fileRightsRequest(advocate, patientId, amendment);
    await decideRightsRequest(advocate, id, denial(1, { letterLanguage: "es", reasonEnglish: ENGLISH }));
    expect(await row(id)).toMatchObject({
      letterLanguage: "es",
      decisionReason: SPANISH,
      decisionReasonEnglish: ENGLISH,
    });
    const [event] = await auditTrail(advocate.userId, "rights-request.decide");
    expect(event!.details).toMatchObject({ letterLanguage: "es", englishBeside: true });
    expect(JSON.stringify(event!.details)).not.toContain("surgeon");
    expect(JSON.stringify(event!.details)).not.toContain("cirujana");
  });

  it("takes the patient's language when the form leaves it blank, and keeps the extension letter's for the decision", async () => {
    const id = await fileRightsRequest(advocate, patientId, amendment);
    await extendRightsRequest(advocate, id, {
      reason: "Sus registros están en el archivo externo.",
      notifiedOn: today,
      version: 1,
    });
    expect((await row(id)).letterLanguage).toBe("es");
    const switched = await fieldErrors(
      decideRightsRequest(advocate, id, denial(2, { letterLanguage: "en" })),
    );
    expect(switched.letterLanguage).toEqual([
      "The extension letter went in Spanish: the decision letter goes in the same language.",
    ]);
    // Positive control: left blank, the decision letter goes in the extension letter's language.
    await decideRightsRequest(advocate, id, denial(2));
    expect(await row(id)).toMatchObject({ letterLanguage: "es", decision: "denied" });
  });

  it("refuses English beside an English letter: in the form, the domain and the database", async () => {
    const parsed = rightsSchemas(today).decide.safeParse({
      decision: "denied",
      reasonCode: "accurate-complete",
      reason: ENGLISH,
      disagreementRightStated: "on",
      decidedOn: today,
      letterLanguage: "en",
      reasonEnglish: ENGLISH,
      version: "1",
    });
    expect(parsed.error!.flatten().fieldErrors.reasonEnglish).toEqual([
      "Leave the English version empty when the text itself is in English, or choose Spanish under “Written in”.",
    ]);
    const id = await fileRightsRequest(advocate, patientId, amendment);
    const besideEnglish = await fieldErrors(
      decideRightsRequest(
        advocate,
        id,
        denial(1, { reason: ENGLISH, letterLanguage: "en", reasonEnglish: ENGLISH }),
      ),
    );
    expect(besideEnglish.reasonEnglish).toEqual([
      "Leave the English version empty when the letter itself is in English.",
    ]);
    await decideRightsRequest(advocate, id, denial(1, { reason: ENGLISH, letterLanguage: "en" }));
    await expectDatabaseError(
      db().execute(sql`update rights_requests set decision_reason_english = ${ENGLISH} where id = ${id}`),
      { code: "23514", constraint: "rights_requests_english_beside_spanish" },
    );
    // Positive control: beside Spanish, the same English is kept.
    await db().execute(
      sql`update rights_requests set letter_language = 'es', decision_reason_english = ${ENGLISH} where id = ${id}`,
    );
    expect((await row(id)).decisionReasonEnglish).toBe(ENGLISH);
  });

  it("gives each reader of the portal their version, and the other language with its note", async () => {
    const both = await fileRightsRequest(advocate, patientId, amendment);
    await decideRightsRequest(advocate, both, denial(1, { letterLanguage: "es", reasonEnglish: ENGLISH }));
    const englishOnly = await fileRightsRequest(advocate, patientId, {
      ...amendment,
      details: "Another line.",
    });
    const written = "A signed note is not changed; your statement is kept beside it.";
    await decideRightsRequest(advocate, englishOnly, denial(1, { reason: written, letterLanguage: "en" }));
    const reasons = async (reader: string) =>
      Object.fromEntries(
        (await listPortalRightsRequests(patient, patientId, reader)).requests.map((r) => [
          r.id,
          r.decisionReason,
        ]),
      );

    const english = await reasons("en");
    expect(english[both]).toEqual({ value: ENGLISH, language: "en", otherLanguage: false });
    expect(english[englishOnly]).toEqual({ value: written, language: "en", otherLanguage: false });
    const spanish = await reasons("es");
    expect(spanish[both]).toEqual({ value: SPANISH, language: "es", otherLanguage: false });
    expect(spanish[englishOnly]).toEqual({ value: written, language: "en", otherLanguage: true });
    // The English beside the Spanish reason is not sent to a reader of Spanish.
    expect(JSON.stringify(spanish)).not.toContain("surgeon");
  });
});

describe("the letter's template", () => {
  const letter: RightsLetterContent = {
    kind: "decision",
    patientName: "Rosa Díaz",
    type: "amendment",
    receivedOn: "2030-03-01",
    dueOn: "2030-04-30",
    extendedDueOn: null,
    extensionNotifiedOn: null,
    decision: "denied",
    decidedOn: "2030-03-15",
    decisionReasonCode: "accurate-complete",
    reason: SPANISH,
  };
  const render = (language: "en" | "es", content = letter, copy = false) =>
    renderToStaticMarkup(createElement(RightsLetter, { letter: content, language, copy }));

  it("prints the letter in Spanish, with the legal content, the dates in Spanish and the staff's words", () => {
    const html = render("es");
    expect(html).toMatch(/^<div lang="es">/);
    expect(html).toContain('<h1 class="mb-6 text-2xl">Nuestra respuesta a su solicitud</h1>');
    expect(html).toContain("Estimado/a Rosa Díaz:");
    expect(html).toContain(
      "Recibimos su solicitud de una corrección de sus registros el 1 de marzo de 2030.",
    );
    expect(html).toContain("15 de marzo de 2030");
    expect(html).toContain(SPANISH);
    expect(html).toContain("El registro es exacto y está completo (45 CFR 164.526(a)(2)(iv)).");
    expect(html).toContain("Si no está de acuerdo");
    expect(html).toContain("Si no envía una declaración");
    expect(html).toContain("1-800-368-1019");
    expect(html).not.toContain("If you disagree");
    // Positive control: the same letter in English.
    const english = render("en", { ...letter, reason: ENGLISH });
    expect(english).toMatch(/^<div lang="en">/);
    expect(english).toContain("We received your request for an amendment of your records on March 1, 2030.");
    expect(english).toContain("If you disagree");
  });

  it("prints the extension notice in Spanish with its new date", () => {
    const html = render("es", {
      ...letter,
      kind: "extension",
      decision: null,
      decidedOn: null,
      decisionReasonCode: null,
      extendedDueOn: "2030-05-30",
      extensionNotifiedOn: "2030-03-10",
      reason: "Sus registros están en el archivo externo.",
    });
    expect(html).toContain("Por qué necesitamos más tiempo");
    expect(html).toContain("Le responderemos a más tardar el <strong>30 de mayo de 2030</strong>.");
    expect(html).toContain("La ley nos permite una sola prórroga de hasta 30 días");
  });

  it("offers the English copy only beside a Spanish letter whose reason has English", () => {
    const texts = { extensionReason: null, extensionReasonEnglish: null, decisionReason: SPANISH };
    const spanish = { ...texts, letterLanguage: "es" as const, decisionReasonEnglish: ENGLISH };
    expect(letterVersion(spanish, "decision", false)).toEqual({ language: "es", reason: SPANISH });
    expect(letterVersion(spanish, "decision", true)).toEqual({ language: "en", reason: ENGLISH });
    expect(letterVersion({ ...spanish, decisionReasonEnglish: null }, "decision", true)).toBeNull();
    expect(
      letterVersion({ ...spanish, letterLanguage: "en", decisionReasonEnglish: null }, "decision", true),
    ).toBeNull();
    const copy = render("en", { ...letter, reason: ENGLISH }, true);
    expect(copy).toContain("A copy in English of a letter we sent you in Spanish.");
  });

  it("has the same words in both languages, and a ground for every reason staff may choose", () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === "object" ? keys(v).map((inner) => `${k}.${inner}`) : [k],
      );
    expect(keys(RIGHTS_LETTER.es).sort()).toEqual(keys(RIGHTS_LETTER.en).sort());
    for (const type of RIGHTS_REQUEST_TYPES)
      expect(Object.keys(RIGHTS_LETTER.en.reasons[type]).sort()).toEqual(
        Object.keys(DENIAL_REASONS[type]).sort(),
      );
  });
});

it("reads the letter with its language for the letter page", async () => {
  const advocate = actorFor(await createUser("advocate"));
  const patientId = (await createPatient({ preferredLanguage: "es" })).id;
  await assignToCaseload(advocate.userId, patientId, "advocate");
  const id = await fileRightsRequest(advocate, patientId, amendment);
  await decideRightsRequest(advocate, id, denial(1, { reasonEnglish: ENGLISH }));
  const { request } = await getRightsRequest(advocate, patientId, id);
  expect(request).toMatchObject({
    letterLanguage: "es",
    decisionReason: SPANISH,
    decisionReasonEnglish: ENGLISH,
  });
});
