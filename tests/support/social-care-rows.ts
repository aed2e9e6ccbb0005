import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Questionnaire } from "fhir/r4";
import { db } from "@/db/client";
import {
  advanceDirectives,
  careAgents,
  needs,
  questionnaireResponses,
  questionnaires,
  referrals,
  screeningResults,
  services,
} from "@/db/schema";

// Screenings, needs, referrals, agents and directives inserted straight into the tables (issue 18),
// so a test of a reader stands apart from the domain modules that write them. Needs start open and
// referrals sent, as the triggers require, and move by updates along the allowed moves.

export const LOINC = "http://loinc.org";
export const STAFF_ONLY = "Staff only: call her cousin first";
export const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n\u00ff\u0000",
);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000);

const choice = (code: string, display: string) => ({ valueCoding: { system: LOINC, code, display } });

/** A small instrument shaped like the AHC HRSN: a display item, a group, a "choose all" question. */
function instrument(code?: string): Questionnaire {
  return {
    resourceType: "Questionnaire",
    id: "not-a-uuid",
    status: "active",
    code: code ? [{ system: LOINC, code }] : undefined,
    item: [
      { linkId: "intro", type: "display", text: "A few questions about your home." },
      {
        linkId: "living",
        type: "choice",
        text: "What is your living situation today?",
        _text: {
          extension: [
            {
              url: "http://hl7.org/fhir/StructureDefinition/translation",
              extension: [
                { url: "lang", valueCode: "es" },
                { url: "content", valueString: "¿Cuál es su situación de vivienda hoy?" },
              ],
            },
          ],
        },
        answerOption: [
          choice("LA31993-1", "I have a steady place to live"),
          choice("LA31994-9", "I am worried about losing it"),
        ],
      },
      {
        linkId: "problems",
        type: "choice",
        repeats: true,
        text: "Problems with the place you live?",
        answerOption: [
          choice("LA28580-1", "Mold"),
          choice("LA32001-2", "Water leaks"),
          choice("LA9-3", "None of the above"),
        ],
      },
      {
        linkId: "safety",
        type: "group",
        text: "Safety",
        item: [
          {
            linkId: "hurt",
            type: "choice",
            text: "Physically hurt you?",
            answerOption: [choice("LA6482-9", "Frequently")],
          },
          {
            linkId: "insult",
            type: "choice",
            text: "Insult you?",
            answerOption: [choice("LA6270-8", "Never")],
          },
        ],
      },
    ],
  };
}

async function questionnaire(title: string, code?: string) {
  const url = `urn:test:questionnaire:${randomUUID()}`;
  const [row] = await db()
    .insert(questionnaires)
    .values({ url, version: "1", title, resource: { ...instrument(code), url, version: "1" }, scoring: [] })
    .returning();
  return row!;
}

/** One patient with screenings, needs, referrals, agents and directives; `staffId` did the staff's part. */
export async function socialRecord(patientId: string, patientUserId: string, staffId: string) {
  const ahc = await questionnaire("AHC HRSN (test)", "96777-8");
  const other = await questionnaire("Mood check (test)");
  const response = async (
    questionnaireId: string,
    values: Partial<typeof questionnaireResponses.$inferInsert>,
  ) => {
    const [row] = await db()
      .insert(questionnaireResponses)
      .values({
        patientId,
        questionnaireId,
        source: "patient",
        startedBy: patientUserId,
        updatedBy: patientUserId,
        ...values,
      })
      .returning();
    return row!;
  };
  const done = { status: "completed" as const, completedAt: new Date() };
  const screened = await response(ahc.id, {
    ...done,
    completedBy: patientUserId,
    language: "es",
    answers: {
      living: ["LA31994-9"],
      problems: ["LA28580-1", "LA32001-2"],
      hurt: ["LA6482-9"],
      insult: ["LA6270-8"],
    },
  });
  const withStaff = await response(other.id, {
    ...done,
    source: "staff",
    startedBy: staffId,
    completedBy: staffId,
    updatedBy: staffId,
  });
  const partial = await response(ahc.id, { answers: { living: ["LA31993-1"] } });
  const result = async (
    responseId: string,
    domain: typeof screeningResults.$inferInsert.domain,
    positive: boolean,
    score: number | null = null,
  ) => {
    const [row] = await db()
      .insert(screeningResults)
      .values({ responseId, patientId, domain, positive, score })
      .returning();
    return row!;
  };
  const results = {
    housing: await result(screened.id, "housing-instability", true),
    food: await result(screened.id, "food", true),
    safety: await result(screened.id, "safety", true, 12),
    transportation: await result(screened.id, "transportation", false),
    mood: await result(withStaff.id, "mental-health", true, 4),
  };

  const need = async (domain: typeof needs.$inferInsert.domain, responseId: string | null) => {
    const [row] = await db()
      .insert(needs)
      .values({ patientId, domain, responseId, identifiedBy: staffId, updatedBy: staffId, note: STAFF_ONLY })
      .returning();
    return row!.id;
  };
  const moveNeed = (id: string, set: Partial<typeof needs.$inferInsert>) =>
    db().update(needs).set(set).where(eq(needs.id, id));
  const food = await need("food", screened.id);
  const housing = await need("housing-instability", screened.id);
  const transport = await need("transportation", null);
  const safety = await need("safety", screened.id);

  const service = async (name: string, contact: Partial<typeof services.$inferInsert>) => {
    const [row] = await db()
      .insert(services)
      .values({
        name: `${name} ${randomUUID().slice(0, 8)}`,
        kind: "community",
        domains: ["food", "housing-instability"],
        languages: ["en", "es"],
        createdBy: staffId,
        updatedBy: staffId,
        ...contact,
      })
      .returning();
    return row!;
  };
  const pantry = await service("Food bank", {
    phone: "555-0101",
    email: "help@pantry.example",
    website: "https://pantry.example",
    address: "1 Main St",
  });
  const shelter = await service("Housing help", { phone: "555-0102" });
  const refer = async (needId: string, serviceId: string) => {
    const [row] = await db()
      .insert(referrals)
      .values({
        patientId,
        needId,
        serviceId,
        sentBy: staffId,
        updatedBy: staffId,
        acceptDueOn: "2030-01-07",
        note: STAFF_ONLY,
      })
      .returning();
    return row!.id;
  };
  const moveReferral = (id: string, set: Partial<typeof referrals.$inferInsert>) =>
    db().update(referrals).set(set).where(eq(referrals.id, id));

  // Food: referred, accepted, helped; the need met by it, and her word that it helped.
  await moveNeed(food, { status: "referred" });
  const groceries = await refer(food, pantry.id);
  await moveReferral(groceries, { status: "accepted", acceptedAt: day(-5), completeDueOn: "2030-01-30" });
  await moveReferral(groceries, {
    status: "completed",
    endedAt: day(-1),
    outcome: "Weekly groceries arranged",
  });
  await moveReferral(groceries, {
    patientFeedback: "got-help",
    patientFeedbackAt: new Date(),
    patientFeedbackBy: patientUserId,
  });
  await moveNeed(food, { status: "met", metAt: new Date(), metReason: "referral-completed" });
  // Housing: a referral that got no answer reopened it; a second one is out.
  await moveNeed(housing, { status: "referred" });
  const unanswered = await refer(housing, shelter.id);
  await moveReferral(unanswered, {
    status: "no-answer",
    endedAt: day(-2),
    outcome: "No reply after two calls",
  });
  await moveNeed(housing, { status: "open" });
  await moveNeed(housing, { status: "referred" });
  const pending = await refer(housing, shelter.id);
  await moveNeed(transport, { status: "declined" });

  const agent = async (values: Partial<typeof careAgents.$inferInsert>) => {
    const [row] = await db()
      .insert(careAgents)
      .values({
        patientId,
        rank: "alternate",
        name: "Someone",
        relationship: "friend",
        phone: "555-0199",
        updatedBy: staffId,
        ...values,
      })
      .returning();
    return row!.id;
  };
  const proxy = await agent({
    rank: "agent",
    position: 0,
    name: "Rosa Díaz",
    relationship: "daughter",
    email: "rosa@example.org",
  });
  const alternate = await agent({ position: 1, name: "Luis Díaz", relationship: "son" });
  const replaced = await agent({ position: 2, name: "Former Alternate", archivedAt: new Date() });

  const directive = async (values: Partial<typeof advanceDirectives.$inferInsert>) => {
    const [row] = await db()
      .insert(advanceDirectives)
      .values({
        patientId,
        kind: "living-will",
        signedOn: "2024-03-01",
        originalLocation: "Top drawer at home",
        recordedBy: staffId,
        ...values,
      })
      .returning();
    return row!.id;
  };
  const scanned = await directive({
    kind: "health-care-proxy",
    fileName: "proxy.pdf",
    sizeBytes: PDF.length,
    content: PDF,
  });
  const paper = await directive({});
  const archived = await directive({ kind: "polst", archivedAt: new Date(), archivedBy: staffId });
  return {
    questionnaires: { ahc, other },
    responses: { screened, withStaff, partial },
    results,
    needs: { food, housing, transport, safety },
    services: { pantry, shelter },
    referrals: { groceries, unanswered, pending },
    agents: { proxy, alternate, replaced },
    directives: { scanned, paper, archived },
  };
}
