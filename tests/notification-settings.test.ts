import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/db/client";
import { notificationSettings, rightsRequests } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { MESSAGES } from "@/lib/i18n/messages";
import { kindBoxes, PATIENT_SIDE_KINDS } from "@/lib/notifications/kind-choices";
import {
  type NotificationSettingsInput,
  notificationSettingsSchema,
  readNotificationSettings,
  saveNotificationSettings,
} from "@/lib/notifications/settings";
import { getPatientOverview } from "@/lib/patients";
import { portalSchemas } from "@/lib/portal/forms";
import {
  fileRightsRequest,
  fileRightsRequestInPortal,
  listPatientRightsRequests,
  listPortalRightsRequests,
  rightsSchemas,
} from "@/lib/rights-requests";
import { zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";

const en = MESSAGES.en.notificationSettings;
const es = MESSAGES.es.notificationSettings;

/** Every kind's box ticked, as the page shows them to someone who never unticked one. */
const ALL_KINDS_ON = Object.fromEntries(Object.keys(kindBoxes).map((name) => [name, "on"]));

/** The form as the page sends it: checkboxes "on" or absent, the version and language it showed. */
function form(values: Record<string, string>, t = MESSAGES.en) {
  return notificationSettingsSchema(t).safeParse({
    ...ALL_KINDS_ON,
    language: "en",
    quietFrom: "21:00",
    quietUntil: "08:00",
    shownIn: "en",
    version: "0",
    ...values,
  });
}
function input(values: Record<string, string>): NotificationSettingsInput {
  const parsed = form(values);
  if (!parsed.success) throw new Error(JSON.stringify(z.flattenError(parsed.error)));
  return parsed.data;
}
const saved = async (userId: string) =>
  (await db().select().from(notificationSettings).where(eq(notificationSettings.userId, userId)))[0];

let patientId: string;
let patient: Actor;
let family: Actor;
let coordinator: Actor;
let advocate: Actor;
let admin: Actor;

beforeAll(async () => {
  patientId = (await createPatient({ preferredLanguage: "es" })).id;
  patient = actorFor(await createUser("patient", { patientId }));
  family = actorFor(await createUser("family"));
  await grantFamily(family.userId, patientId, patient.userId, { canViewRequests: true });
  coordinator = actorFor(await createUser("coordinator"));
  advocate = actorFor(await createUser("advocate"));
  admin = actorFor(await createUser("admin"));
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  await assignToCaseload(advocate.userId, patientId, "advocate");
});

describe("notification settings", () => {
  it("shows the defaults when nothing was saved, in the language notifications go in today", async () => {
    const mine = await readNotificationSettings(patient);
    expect(mine).toEqual({
      language: "es",
      email: true,
      signInEmail: patient.email,
      confidential: null,
      smsPhone: null,
      smsOptIn: null,
      smsStoppedAt: null,
      quietFrom: "21:00",
      quietUntil: "08:00",
      includeDetails: false,
      // Every kind by each channel until the person unticks one (or follows an unsubscribe link).
      emailKinds: Object.fromEntries(PATIENT_SIDE_KINDS.map((k) => [k, true])),
      smsKinds: Object.fromEntries(PATIENT_SIDE_KINDS.map((k) => [k, true])),
      version: 0,
    });
    expect((await readNotificationSettings(family)).language).toBe("en");
    expect(await saved(patient.userId)).toBeUndefined();
    const [read] = await auditTrail(patient.userId, "notification-settings.read");
    expect(read).toMatchObject({ entityId: patient.userId, patientId, details: { saved: false } });
  });

  it("saves as the next version, and refuses a save made against the older one", async () => {
    await saveNotificationSettings(
      patient,
      input({ language: "es", includeDetails: "on", quietFrom: "22:00" }),
    );
    const first = await readNotificationSettings(patient);
    expect(first).toMatchObject({
      version: 1,
      language: "es",
      email: false,
      includeDetails: true,
      quietFrom: "22:00",
    });
    // The same page saved a second time, still at version 0: refused, and the first save stands.
    const stale = await saveNotificationSettings(patient, input({ email: "on" })).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((stale as Error).message).toBe(
      "Someone changed this record while you were editing. Review their change, then save again.",
    );
    expect(await readNotificationSettings(patient)).toMatchObject({ version: 1, email: false });
    await saveNotificationSettings(patient, input({ language: "es", email: "on", version: "1" }));
    expect(await readNotificationSettings(patient)).toMatchObject({
      version: 2,
      email: true,
      includeDetails: false,
    });
  });

  it("records the opt-in with the wording shown, the time and who; unticking clears it", async () => {
    const before = Date.now();
    await saveNotificationSettings(
      patient,
      input({ smsPhone: "(617) 555-0123", smsOptIn: "on", shownIn: "es", version: "2" }),
    );
    const row = (await saved(patient.userId))!;
    expect(row.smsPhone).toBe("+16175550123");
    expect(row.smsOptInWording).toBe(es.smsOptInWording);
    expect(row.smsOptInBy).toBe(patient.userId);
    expect(row.smsOptInAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.smsOptInAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // The trail says the opt-in was recorded, never the number (which the row does hold).
    const saves = await auditTrail(patient.userId, "notification-settings.save");
    expect(saves.at(-1)!.details).toMatchObject({ smsOptIn: "recorded", phoneGiven: true });
    expect(JSON.stringify(saves)).not.toMatch(/555|0123/);
    // Staff see it on the patient's record.
    const shown = (await getPatientOverview(coordinator, patientId)).textMessages;
    expect(shown).toEqual({ optedInAt: row.smsOptInAt, wording: es.smsOptInWording, stoppedAt: null });

    // Saved again with the box still ticked: the same consent, not a new one.
    await saveNotificationSettings(
      patient,
      input({ smsPhone: "617-555-0123", smsOptIn: "on", version: "3" }),
    );
    expect((await saved(patient.userId))!.smsOptInAt).toEqual(row.smsOptInAt);
    await saveNotificationSettings(patient, input({ smsPhone: "617-555-0123", version: "4" }));
    const cleared = (await saved(patient.userId))!;
    expect(cleared).toMatchObject({ smsOptInAt: null, smsOptInBy: null, smsOptInWording: null });
    expect(cleared.smsPhone).toBe("+16175550123");
    expect((await getPatientOverview(coordinator, patientId)).textMessages.optedInAt).toBeNull();
  });

  it("keeps the opt-in after STOP until the box is ticked again, and shows STOP to staff", async () => {
    await saveNotificationSettings(patient, input({ smsPhone: "6175550123", smsOptIn: "on", version: "5" }));
    const stoppedAt = new Date();
    await db()
      .update(notificationSettings)
      .set({ smsStoppedAt: stoppedAt })
      .where(eq(notificationSettings.userId, patient.userId));
    const view = await readNotificationSettings(patient);
    expect(view.smsStoppedAt).toEqual(stoppedAt);
    expect(view.smsOptIn?.wording).toBe(en.smsOptInWording);
    expect((await getPatientOverview(coordinator, patientId)).textMessages.stoppedAt).toEqual(stoppedAt);
    // The box was shown empty after STOP: saving other choices leaves the consent for START.
    await saveNotificationSettings(
      patient,
      input({ smsPhone: "6175550123", quietUntil: "07:30", version: "6" }),
    );
    expect((await saved(patient.userId))!.smsOptInAt).not.toBeNull();
    // Ticking it again is a new opt-in, and ends the STOP.
    await saveNotificationSettings(patient, input({ smsPhone: "6175550123", smsOptIn: "on", version: "7" }));
    const again = (await saved(patient.userId))!;
    expect(again.smsStoppedAt).toBeNull();
    expect(again.smsOptInAt!.getTime()).toBeGreaterThan(stoppedAt.getTime());
  });

  it("takes a US mobile number only, and says so in the person's language", async () => {
    const foreign = form({ smsPhone: "+44 20 7946 0958" });
    expect(foreign.success).toBe(false);
    expect(z.flattenError(foreign.error!).fieldErrors.smsPhone).toEqual([en.errors.phone]);
    const short = form({ smsPhone: "555-0123" }, MESSAGES.es);
    expect(z.flattenError(short.error!).fieldErrors.smsPhone).toEqual([es.errors.phone]);
    const none = form({ smsOptIn: "on" });
    expect(z.flattenError(none.error!).fieldErrors.smsPhone).toEqual([en.errors.phoneNeeded]);
    const same = form({ quietFrom: "08:00", quietUntil: "08:00" });
    expect(z.flattenError(same.error!).fieldErrors.quietUntil).toEqual([en.errors.sameTime]);
    // The control: the same form with a US number passes, normalised.
    expect(form({ smsPhone: "+1 (617) 555-0123", smsOptIn: "on" }).data?.smsPhone).toBe("+16175550123");
  });

  it("lets the patient and family each manage their own settings only; staff are refused", async () => {
    const patientBefore = await saved(patient.userId);
    await saveNotificationSettings(family, input({ email: "on", smsPhone: "212-555-0100", smsOptIn: "on" }));
    const familyRow = (await saved(family.userId))!;
    expect(familyRow).toMatchObject({ version: 1, smsPhone: "+12125550100", smsOptInBy: family.userId });
    expect(await saved(patient.userId)).toEqual(patientBefore);
    // The family member's opt-in is theirs: the patient's record shows hers alone.
    expect((await getPatientOverview(coordinator, patientId)).textMessages.optedInAt).toEqual(
      patientBefore!.smsOptInAt,
    );
    for (const staff of [coordinator, advocate, admin]) {
      await expect(readNotificationSettings(staff)).rejects.toBeInstanceOf(NotFoundError);
      await expect(saveNotificationSettings(staff, input({}))).rejects.toBeInstanceOf(NotFoundError);
      expect(await saved(staff.userId)).toBeUndefined();
      const refusals = await auditTrail(staff.userId, "access.denied");
      expect(refusals.map((r) => r.details?.permission)).toEqual([
        "manage:ownNotificationSettings",
        "manage:ownNotificationSettings",
      ]);
    }
  });
});

describe("the alternate contact of a confidential-communications request", () => {
  const today = zonedDate();
  const request = {
    receivedOn: today,
    details: "Contact me only at my work address.",
    requestedForm: null,
    healthPlanSelfPay: false,
  };

  it("is stored on that kind of request and shown to staff, and to the patient, never to family", async () => {
    // Family were shown requests: this one, and never the confidential one below.
    const access = await fileRightsRequest(advocate, patientId, { ...request, type: "access" });
    const id = await fileRightsRequest(advocate, patientId, {
      ...request,
      type: "confidential-communication",
      alternateEmail: "work@example.org",
      alternatePhone: "+16175550199",
    });
    const staff = await listPatientRightsRequests(advocate, patientId);
    expect(staff.requests.find((r) => r.id === id)).toMatchObject({
      alternateEmail: "work@example.org",
      alternatePhone: "+16175550199",
    });
    const own = await listPortalRightsRequests(patient, patientId);
    expect(own.requests.find((r) => r.id === id)?.alternateEmail).toBe("work@example.org");
    const theirs = await listPortalRightsRequests(family, patientId);
    expect(theirs.requests.map((r) => r.id)).toContain(access);
    expect(theirs.requests.map((r) => r.id)).not.toContain(id);
    expect(JSON.stringify(theirs)).not.toContain("work@example.org");
    // Once granted, the patient's settings say where messages go; family's never read it.
    await db()
      .update(rightsRequests)
      .set({ decision: "granted", decidedOn: today })
      .where(eq(rightsRequests.id, id));
    expect((await readNotificationSettings(patient)).confidential).toEqual({
      email: "work@example.org",
      phone: "+16175550199",
    });
    expect(JSON.stringify(await readNotificationSettings(family))).not.toContain("work@example.org");
  });

  it("is filed from the portal in the patient's words and checked in her language", async () => {
    const rights = portalSchemas(MESSAGES.es, today).rights;
    const wrongKind = rights.safeParse({
      type: "access",
      details: "Una copia.",
      alternateEmail: "yo@example.org",
    });
    expect(z.flattenError(wrongKind.error!).fieldErrors.alternateEmail).toEqual([
      MESSAGES.es.errors.alternateOnlyConfidential,
    ]);
    const badPhone = rights.safeParse({
      type: "confidential-communication",
      details: "Solo al trabajo.",
      alternatePhone: "12",
    });
    expect(z.flattenError(badPhone.error!).fieldErrors.alternatePhone).toEqual([es.errors.phone]);
    const good = rights.safeParse({
      type: "confidential-communication",
      details: "Solo al trabajo.",
      alternateEmail: " Yo@Example.org ",
      alternatePhone: "617 555 0188",
    });
    expect(good.success).toBe(true);
    const id = await fileRightsRequestInPortal(patient, patientId, good.data!, "missing");
    const [row] = await db().select().from(rightsRequests).where(eq(rightsRequests.id, id));
    expect(row).toMatchObject({ alternateEmail: "yo@example.org", alternatePhone: "+16175550188" });
  });

  it("is refused on any other kind of request: by the form, the domain and the database", async () => {
    const staffForm = rightsSchemas(today).file.safeParse({
      receivedOn: today,
      details: request.details,
      type: "access",
      alternatePhone: "617-555-0199",
    });
    expect(Object.keys(z.flattenError(staffForm.error!).fieldErrors)).toEqual(["alternatePhone"]);
    const refused = await fileRightsRequest(advocate, patientId, {
      ...request,
      type: "access",
      alternateEmail: "work@example.org",
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(Object.keys((refused as DomainError).fieldErrors)).toEqual(["alternateEmail"]);
    const refusedInPortal = await fileRightsRequestInPortal(
      patient,
      patientId,
      { ...request, type: "restriction", alternatePhone: "+16175550199", subject: null },
      "missing",
    ).catch((e: unknown) => e);
    expect((refusedInPortal as DomainError).fieldErrors.alternatePhone).toBeDefined();
    const row = {
      patientId,
      receivedOn: today,
      details: "Straight into the table.",
      dueOn: today,
      createdBy: advocate.userId,
      updatedBy: advocate.userId,
      alternateEmail: "work@example.org",
    };
    await db()
      .insert(rightsRequests)
      .values({ ...row, type: "confidential-communication" });
    await expectDatabaseError(
      db()
        .insert(rightsRequests)
        .values({ ...row, type: "access" }),
      {
        code: "23514",
        constraint: "rights_requests_alternate_contact_only_confidential",
      },
    );
  });
});
