import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { captureStatements, db } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import {
  listNotifications,
  markAllRead,
  markRead,
  NOTIFICATION_PAGE_SIZE,
  unreadCount,
} from "@/lib/notifications/bell";
import { notifyPatientSide, notifyStaff } from "@/lib/notifications/outbox";
import { auditTrail } from "./support/audit-trail";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";

interface World {
  patientId: string;
  patient: Actor;
  daughter: Actor;
  coordinator: Actor;
  /** Another patient's account: never sees the first one's notifications. */
  stranger: Actor;
}

async function world(): Promise<World> {
  const p = await createPatient();
  const patient = actorFor(await createUser("patient", { patientId: p.id }));
  const daughter = actorFor(await createUser("family"));
  await grantFamily(daughter.userId, p.id, patient.userId, { canMessage: true });
  const coordinator = actorFor(await createUser("coordinator"));
  await assignToCaseload(coordinator.userId, p.id, "coordinator");
  const stranger = actorFor(await createUser("patient"));
  return { patientId: p.id, patient, daughter, coordinator, stranger };
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/** A portal notification for one person, written as the outbox writes a staff one (sent, in the portal). */
async function notice(w: World, userId: string, options: { notBefore?: Date; path?: string } = {}) {
  const key = `test:${randomUUID()}`;
  await db().transaction((tx) =>
    notifyStaff(
      tx,
      {
        kind: "conversation-waiting",
        key,
        patientId: w.patientId,
        path: options.path ?? `/patients/${w.patientId}/messages`,
        notBefore: options.notBefore,
      },
      [userId],
    ),
  );
  const [row] = await db()
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.eventKey, key), eq(notifications.recipientUserId, userId)));
  return row!.id;
}

async function refusalOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => "allowed",
    (e: unknown) => e,
  );
}

let w: World;
beforeAll(async () => {
  w = await world();
});

describe("the bell's count", () => {
  it("counts one's own due portal notifications, in one statement; not email, not another's, not a reminder not yet due", async () => {
    expect(await unreadCount(w.patient)).toBe(0);
    const threadId = randomUUID();
    await db().transaction((tx) =>
      notifyPatientSide(tx, {
        kind: "message",
        key: `message:${randomUUID()}`,
        patientId: w.patientId,
        path: `/me/messages/${threadId}`,
      }),
    );
    // The patient has a portal row and an email row: the bell counts the portal one only.
    const rows = await db()
      .select({ channel: notifications.channel })
      .from(notifications)
      .where(eq(notifications.recipientUserId, w.patient.userId));
    expect(rows.map((r) => r.channel).sort()).toEqual(["email", "portal"]);
    expect(await unreadCount(w.patient)).toBe(1);
    // Her daughter, who may message, has her own; a stranger has none.
    expect(await unreadCount(w.daughter)).toBe(1);
    expect(await unreadCount(w.stranger)).toBe(0);

    // A reminder for two hours from now is not counted yet; the control, due a minute ago, is.
    await notice(w, w.coordinator.userId, { notBefore: minutesFromNow(120) });
    expect(await unreadCount(w.coordinator)).toBe(0);
    await notice(w, w.coordinator.userId, { notBefore: minutesFromNow(-1) });
    expect(await unreadCount(w.coordinator)).toBe(1);

    const statements = await captureStatements(() => unreadCount(w.coordinator));
    expect(statements).toHaveLength(1);
    // The count is one scalar subquery: the same the session check reads for the shell (issue 19).
    expect(statements[0]!.query).toMatch(/^select \(\(select count\(\*\)::int from "notifications"/);
  });
});

describe("the list", () => {
  it("shows one's own, newest first, a page at a time, each with its kind, link, time and whether read; one event per page", async () => {
    const x = await world();
    // 27 due notifications a minute apart (the newest a minute ago) and one not yet due.
    const ids: string[] = [];
    for (let i = 27; i >= 1; i--)
      ids.push(
        await notice(x, x.coordinator.userId, { notBefore: minutesFromNow(-i), path: `/my-work?n=${i}` }),
      );
    const future = await notice(x, x.coordinator.userId, { notBefore: minutesFromNow(60) });
    await notice(x, w.coordinator.userId); // another coordinator's: not in x's list

    const first = await listNotifications(x.coordinator, { page: 1, side: "staff" });
    expect(first.total).toBe(27);
    expect(first.unread).toBe(27);
    expect(first.items).toHaveLength(NOTIFICATION_PAGE_SIZE);
    expect(first.items[0]).toMatchObject({
      id: ids[26],
      kind: "conversation-waiting",
      link: "/my-work?n=1",
      read: false,
    });
    expect(first.items[0]!.at).toBeInstanceOf(Date);
    expect(first.items[0]!.at.getTime()).toBeGreaterThan(first.items[1]!.at.getTime());
    const second = await listNotifications(x.coordinator, { page: 2 });
    expect(second.items.map((n) => n.link)).toEqual(["/my-work?n=26", "/my-work?n=27"]);
    expect([...first.items, ...second.items].map((n) => n.id)).not.toContain(future);

    expect(await auditTrail(x.coordinator.userId, "notification.list")).toEqual([
      expect.objectContaining({ patientId: null, details: { page: 1, shown: 25, unread: 27 } }),
      expect.objectContaining({ patientId: null, details: { page: 2, shown: 2, unread: 27 } }),
    ]);
  });

  it("the staff list is a 404 to the portal's people and the portal's list to staff, each refusal audited", async () => {
    const x = await world();
    for (const [actor, side] of [
      [x.patient, "staff"],
      [x.daughter, "staff"],
      [x.coordinator, "portal"],
    ] as const) {
      expect(await refusalOf(listNotifications(actor, { side }))).toBeInstanceOf(NotFoundError);
      expect(await auditTrail(actor.userId, "access.denied")).toEqual([
        expect.objectContaining({
          details: expect.objectContaining({ permission: "read:ownNotifications" }),
        }),
      ]);
    }
    // The controls: each on their own side is answered.
    expect((await listNotifications(x.patient, { side: "portal" })).total).toBe(0);
    expect((await listNotifications(x.daughter, { side: "portal" })).total).toBe(0);
    expect((await listNotifications(x.coordinator, { side: "staff" })).total).toBe(0);
  });
});

describe("marking read", () => {
  it("opens one's own (it leads where it says) and never another's: that is the 404, audited, and theirs stays unread", async () => {
    const x = await world();
    const mine = await notice(x, x.coordinator.userId, { path: "/my-work" });
    const theirs = await notice(x, w.coordinator.userId, { path: "/dashboard" });
    const before = await unreadCount(w.coordinator);

    expect(await refusalOf(markRead(x.coordinator, theirs))).toBeInstanceOf(NotFoundError);
    expect(await auditTrail(x.coordinator.userId, "access.denied")).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ permission: "read:ownNotifications" }) }),
    ]);
    expect(await unreadCount(w.coordinator)).toBe(before);
    expect(await auditTrail(x.coordinator.userId, "notification.read")).toEqual([]);

    // The positive control: the same call on one's own goes through, and again is harmless.
    expect(await markRead(x.coordinator, mine)).toBe("/my-work");
    expect(await markRead(x.coordinator, mine)).toBe("/my-work");
    expect(await unreadCount(x.coordinator)).toBe(0);
    expect((await listNotifications(x.coordinator)).items).toMatchObject([{ id: mine, read: true }]);
    expect(await auditTrail(x.coordinator.userId, "notification.read")).toEqual([
      expect.objectContaining({ entityType: "notification", entityId: mine }),
      expect.objectContaining({ entityType: "notification", entityId: mine }),
    ]);
    // Its owner opens the other one.
    expect(await markRead(w.coordinator, theirs)).toBe("/dashboard");
    expect(await unreadCount(w.coordinator)).toBe(before - 1);
  });

  it("a reminder not yet due cannot be opened, and mark all read leaves it for when it is due", async () => {
    const x = await world();
    const due = [await notice(x, x.coordinator.userId), await notice(x, x.coordinator.userId)];
    const later = await notice(x, x.coordinator.userId, { notBefore: minutesFromNow(120) });
    const elsewhere = await notice(x, w.coordinator.userId);

    expect(await refusalOf(markRead(x.coordinator, later))).toBeInstanceOf(NotFoundError);
    expect(await unreadCount(x.coordinator)).toBe(2);
    expect(await markAllRead(x.coordinator, "staff")).toBe(2);
    expect(await unreadCount(x.coordinator)).toBe(0);
    expect(await markAllRead(x.coordinator)).toBe(0);

    const unread = await db()
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.channel, "portal"), isNull(notifications.readAt)));
    const unreadIds = unread.map((r) => r.id);
    for (const id of due) expect(unreadIds).not.toContain(id);
    expect(unreadIds).toContain(later);
    // Another person's stays unread.
    expect(unreadIds).toContain(elsewhere);
    expect(await auditTrail(x.coordinator.userId, "notification.read-all")).toEqual([
      expect.objectContaining({ details: { marked: 2 } }),
      expect.objectContaining({ details: { marked: 0 } }),
    ]);
    // Marking all read from the other side's page is refused like the list.
    expect(await refusalOf(markAllRead(x.coordinator, "portal"))).toBeInstanceOf(NotFoundError);
  });
});
