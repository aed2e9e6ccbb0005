import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { notificationSettings, notifications } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError, StaleVersionError } from "@/lib/errors";
import { notifyStaff } from "@/lib/notifications/outbox";
import {
  readStaffNotificationSettings,
  saveStaffNotificationSettings,
  staffNotificationSettingsSchema,
} from "@/lib/notifications/staff-settings";
import { auditTrail } from "./support/audit-trail";
import { actorFor, createPatient, createUser } from "./support/factories";

// The action runs as whoever `session.actor` is, without Auth.js's cookies.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, refresh: () => {} }));
vi.mock("@/lib/auth/current-user", async (original) => {
  const real = await original<typeof import("@/lib/auth/current-user")>();
  const { redirect } = await import("next/navigation");
  return {
    ...real,
    getActor: async () => session.actor,
    requireActor: async () => session.actor ?? redirect("/login"),
  };
});
const { saveStaffNotificationSettingsAction: action } = await import(
  "@/app/(portal)/notifications/settings/actions"
);

const STALE = /changed elsewhere after you opened this page/;

/** The form as the page posts it: a ticked box is "on", an unticked one absent. */
function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}
async function saveAs(actor: Actor, fields: Record<string, string>) {
  session.actor = actor;
  return action({}, form(fields));
}

let events = 0;
/** A staff event by email and in the bell, as schedules.ts sends it: the channels each was written on. */
async function tell(kind: "daily-digest" | "overdue-alert", to: string[]) {
  const key = `staff-settings-test:${++events}`;
  await db().transaction((tx) =>
    notifyStaff(tx, { kind, key, patientId: null, path: "/my-work" }, to, ["portal", "email"]),
  );
  const rows = await db()
    .select({
      to: notifications.recipientUserId,
      channel: notifications.channel,
      language: notifications.language,
    })
    .from(notifications)
    .where(eq(notifications.eventKey, key));
  return (userId: string) =>
    rows
      .filter((r) => r.to === userId)
      .map((r) => `${r.channel}:${r.language}`)
      .sort();
}
const saved = async (userId: string) =>
  (await db().select().from(notificationSettings).where(eq(notificationSettings.userId, userId)))[0];

let advocate: Actor;
let colleague: Actor;
let coordinator: Actor;
let admin: Actor;
let patient: Actor;
let family: Actor;

beforeAll(async () => {
  advocate = actorFor(await createUser("advocate"));
  colleague = actorFor(await createUser("advocate"));
  coordinator = actorFor(await createUser("coordinator"));
  admin = actorFor(await createUser("admin"));
  patient = actorFor(await createUser("patient", { patientId: (await createPatient()).id }));
  family = actorFor(await createUser("family"));
});

describe("a staff member's notification settings", () => {
  it("an email turned off for a kind leaves the bell's row only; left on, the email row is written too", async () => {
    expect(await readStaffNotificationSettings(advocate)).toEqual({
      language: "en",
      email: { "daily-digest": true, "overdue-alert": true },
      signInEmail: advocate.email,
      version: 0,
    });
    // Before any choice: both channels, in English.
    expect((await tell("overdue-alert", [advocate.userId]))(advocate.userId)).toEqual([
      "email:en",
      "portal:en",
    ]);

    const answer = await saveAs(advocate, { version: "0", language: "es", emailDigest: "on" });
    expect(answer).toEqual({ ok: "Your notification settings are saved." });
    const overdue = await tell("overdue-alert", [advocate.userId, colleague.userId]);
    expect(overdue(advocate.userId)).toEqual(["portal:es"]);
    // The control: a colleague who chose nothing still gets the email.
    expect(overdue(colleague.userId)).toEqual(["email:en", "portal:en"]);
    // The kind left on still comes by email, in the language chosen.
    expect((await tell("daily-digest", [advocate.userId]))(advocate.userId)).toEqual([
      "email:es",
      "portal:es",
    ]);
    expect(await readStaffNotificationSettings(advocate)).toMatchObject({
      language: "es",
      email: { "daily-digest": true, "overdue-alert": false },
      version: 1,
    });
    expect((await auditTrail(advocate.userId, "notification-settings.save")).map((a) => a.details)).toEqual([
      { version: 1, language: "es", emailOff: ["overdue-alert"] },
    ]);

    // Turned back on, and a kind turned off elsewhere (an unsubscribe link) is kept.
    await db()
      .update(notificationSettings)
      .set({ emailOffKinds: ["overdue-alert", "conversation-waiting"] })
      .where(eq(notificationSettings.userId, advocate.userId));
    await saveAs(advocate, { version: "1", language: "en", emailDigest: "on", emailOverdue: "on" });
    expect((await tell("overdue-alert", [advocate.userId]))(advocate.userId)).toEqual([
      "email:en",
      "portal:en",
    ]);
    expect((await saved(advocate.userId))!.emailOffKinds).toEqual(["conversation-waiting"]);
  });

  it("email turned off altogether (an unsubscribe link) writes no email row either", async () => {
    await db().insert(notificationSettings).values({ userId: coordinator.userId, email: false });
    const told = await tell("daily-digest", [coordinator.userId]);
    expect(told(coordinator.userId)).toEqual(["portal:en"]);
    expect((await readStaffNotificationSettings(coordinator)).email["daily-digest"]).toBe(false);
    // Ticked again on the page, it comes by email again.
    await saveAs(coordinator, { version: "1", language: "en", emailDigest: "on" });
    expect((await tell("daily-digest", [coordinator.userId]))(coordinator.userId)).toEqual([
      "email:en",
      "portal:en",
    ]);
  });

  it("refuses a save against an older version, with the page's message, and changes nothing", async () => {
    const before = (await saved(advocate.userId))!;
    const answer = await saveAs(advocate, { version: "1", language: "es" });
    expect(answer).toMatchObject({ message: expect.stringMatching(STALE), values: { language: "es" } });
    expect(await saved(advocate.userId)).toEqual(before);
    const input = staffNotificationSettingsSchema.parse({ version: "1", language: "es" });
    await expect(saveStaffNotificationSettings(advocate, input)).rejects.toBeInstanceOf(StaleVersionError);
    // The control: the current version saves.
    await saveAs(advocate, { version: String(before.version), language: "es" });
    expect((await saved(advocate.userId))!.version).toBe(before.version + 1);
  });

  it("ties a bad language to its field", async () => {
    const answer = await saveAs(admin, { version: "0", language: "fr", emailDigest: "on" });
    expect(answer).toMatchObject({ errors: { language: ["Choose English or Spanish."] } });
    expect(await saved(admin.userId)).toBeUndefined();
  });

  it("is a 404 to patients and family, audited, with nothing written; an admin may save", async () => {
    for (const outsider of [patient, family]) {
      await expect(saveAs(outsider, { version: "0", language: "es" })).rejects.toMatchObject({
        digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/),
      });
      await expect(readStaffNotificationSettings(outsider)).rejects.toBeInstanceOf(NotFoundError);
      expect(await saved(outsider.userId)).toBeUndefined();
      const refusals = await auditTrail(outsider.userId, "access.denied");
      expect(refusals.map((r) => (r.details as { permission: string }).permission)).toEqual([
        "manage:ownNotificationSettings:staff",
        "manage:ownNotificationSettings:staff",
      ]);
    }
    // The positive control: the same form from the admin is saved as the admin's own.
    expect(await saveAs(admin, { version: "0", language: "es" })).toEqual({
      ok: "Your notification settings are saved.",
    });
    expect(await saved(admin.userId)).toMatchObject({ language: "es", version: 1 });
    expect(await auditTrail(admin.userId, "access.denied")).toEqual([]);
    const [anyOther] = await db()
      .select({ n: notificationSettings.userId })
      .from(notificationSettings)
      .where(and(eq(notificationSettings.userId, patient.userId)));
    expect(anyOther).toBeUndefined();
  });
});
