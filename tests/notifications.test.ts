import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, queryRows } from "@/db/client";
import { familyAccessGrants, notifications, rightsRequests } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { replyToThread, startThread } from "@/lib/messages";
import { deliverBatch, deliverNotification } from "@/lib/notifications/deliver";
import { notifyPatientSide } from "@/lib/notifications/outbox";
import { claim, renewClaim } from "@/lib/notifications/outcomes";
import { startWorking, stopWorking } from "@/lib/notifications/worker";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";
import { startSmtpServer } from "./support/smtp";

// A real SMTP server the notifications reach; the environment is read once, so it is set first.
const smtp = await startSmtpServer();
process.env.SMTP_URL = smtp.url;
process.env.PUBLIC_URL = "https://care.example.org";

interface World {
  patientId: string;
  coordinator: Actor;
  patient: Actor & { email: string };
  daughter: Actor & { email: string };
  son: Actor;
}

/** Maria (Spanish), her coordinator, a daughter who may message, and a son who sees the timeline only. */
async function world(): Promise<World> {
  const p = await createPatient({ preferredLanguage: "es" });
  const coordinator = actorFor(await createUser("coordinator"));
  await assignToCaseload(coordinator.userId, p.id, "coordinator");
  const patientUser = await createUser("patient", { patientId: p.id });
  const daughterUser = await createUser("family");
  const son = actorFor(await createUser("family"));
  const patient = { ...actorFor(patientUser), email: patientUser.email };
  const daughter = { ...actorFor(daughterUser), email: daughterUser.email };
  await db()
    .insert(familyAccessGrants)
    .values([
      {
        familyUserId: daughter.userId,
        patientId: p.id,
        grantedBy: patient.userId,
        relationship: "daughter",
        canMessage: true,
      },
      { familyUserId: son.userId, patientId: p.id, grantedBy: patient.userId, relationship: "son" },
    ]);
  return { patientId: p.id, coordinator, patient, daughter, son };
}

const rowsFor = (eventKey: string) =>
  db()
    .select({
      id: notifications.id,
      to: notifications.recipientUserId,
      channel: notifications.channel,
      language: notifications.language,
      link: notifications.link,
      status: notifications.status,
    })
    .from(notifications)
    .where(eq(notifications.eventKey, eventKey));

const jobsFor = async (ids: string[]) =>
  (
    await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from pgboss.job where name = 'notify' and data->>'notificationId' in ${ids}`,
    )
  )[0]!.n;

async function lastMessageKey(patientId: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    db(),
    sql`select id from messages where patient_id = ${patientId} order by created_at desc limit 1`,
  );
  return `message:${row!.id}`;
}

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(async () => {
  await smtp.close();
});

describe("the outbox: written with the event, once", () => {
  it("a shared message tells the patient and the family she lets message, in their languages; a staff note tells nobody", async () => {
    const threadId = await startThread(w.coordinator, w.patientId, {
      subject: "Ayuno",
      body: "Puede tomar agua.",
      shared: true,
    });
    const rows = await rowsFor(await lastMessageKey(w.patientId));
    const seen = rows.map((r) => [r.to, r.channel, r.language, r.link, r.status]).sort();
    expect(seen).toEqual(
      [
        [w.patient.userId, "portal", "es", `/me/messages/${threadId}`, "sent"],
        [w.patient.userId, "email", "es", `/me/messages/${threadId}`, "pending"],
        [w.daughter.userId, "portal", "en", `/me/messages/${threadId}?patient=${w.patientId}`, "sent"],
        [w.daughter.userId, "email", "en", `/me/messages/${threadId}?patient=${w.patientId}`, "pending"],
      ].sort(),
    );
    // The son holds the timeline scope, not messages: nothing for him (the control above has his sister).
    expect(rows.filter((r) => r.to === w.son.userId)).toEqual([]);
    // Each email waits in the queue, one job each.
    expect(await jobsFor(rows.filter((r) => r.channel === "email").map((r) => r.id))).toBe(2);

    await replyToThread(w.coordinator, threadId, { body: "Staff note: check the lab", shared: false });
    expect(await rowsFor(await lastMessageKey(w.patientId))).toEqual([]);
  });

  it("is rolled back with its event, and the same event written twice is told once", async () => {
    const event = { kind: "update" as const, key: `test:${Date.now()}`, patientId: w.patientId, path: "/me" };
    const failed = await db()
      .transaction(async (tx) => {
        await notifyPatientSide(tx, event);
        throw new Error("the event failed");
      })
      .catch((e: unknown) => e);
    expect((failed as Error).message).toBe("the event failed");
    expect(await rowsFor(event.key)).toEqual([]);
    const [jobs] = await db().select({ n: count() }).from(notifications);
    const first = await db().transaction((tx) => notifyPatientSide(tx, event));
    const again = await db().transaction((tx) => notifyPatientSide(tx, event));
    // An update is for everyone who sees her timeline: Maria, her daughter and her son, by the bell and email.
    expect([first, again]).toEqual([6, 0]);
    const rows = await rowsFor(event.key);
    expect(rows).toHaveLength(6);
    expect(await jobsFor(rows.filter((r) => r.channel === "email").map((r) => r.id))).toBe(3);
    expect(jobs!.n).toBeGreaterThan(0);
  });
});

describe("delivery through the queue", () => {
  it("reaches each person once, in their language, saying only that there is a message", async () => {
    const before = smtp.received.length;
    await startThread(w.coordinator, w.patientId, {
      subject: "Resultados",
      body: "Su prueba de diabetes salió bien.",
      shared: true,
    });
    const key = await lastMessageKey(w.patientId);
    await startWorking();
    try {
      await expect
        .poll(
          async () => (await rowsFor(key)).filter((r) => r.channel === "email" && r.status === "sent").length,
          {
            timeout: 20_000,
            interval: 250,
          },
        )
        .toBe(2);
    } finally {
      await stopWorking();
    }
    const mails = smtp.received.slice(before).filter((m) => (m.body ?? "").includes("/me/messages/"));
    const ids = (await rowsFor(key))
      .filter((r) => r.channel === "email")
      .map((r) => `<${r.id}@carebridge.notifications>`);
    const mine = mails.filter((m) => ids.includes(m.messageId ?? ""));
    expect(mine.map((m) => m.to[0]).sort()).toEqual([w.patient.email, w.daughter.email].sort());
    const toMaria = mine.find((m) => m.to[0] === w.patient.email)!;
    expect(toMaria.language).toBe("es");
    expect(toMaria.subject).toBe("Tiene un mensaje nuevo de su equipo de atención.");
    expect(toMaria.body).toContain("Inicie sesión para leerlo: https://care.example.org/me/messages/");
    const toDaughter = mine.find((m) => m.to[0] === w.daughter.email)!;
    expect(toDaughter.subject).toBe("You have a new message from your care team.");
    // The minimum necessary: not the message, not its subject.
    for (const m of mine) {
      expect(m.raw).not.toMatch(/diabetes|Resultados/i);
    }
  });

  it("a granted confidential-communications request sends the patient's email only to the address it names", async () => {
    // A world of its own: a granted request is kept for good.
    const w = await world();
    const advocate = await createUser("advocate");
    const [request] = await db()
      .insert(rightsRequests)
      .values({
        patientId: w.patientId,
        type: "confidential-communication",
        receivedOn: "2026-11-01",
        details: "Write to my work address only.",
        dueOn: "2026-11-11",
        decision: "granted",
        decidedOn: "2026-11-02",
        alternateEmail: "maria.private@work.example",
        createdBy: advocate.id,
        updatedBy: advocate.id,
      })
      .returning({ id: rightsRequests.id });
    await startThread(w.coordinator, w.patientId, {
      subject: "Cita",
      body: "Nos vemos el martes.",
      shared: true,
    });
    const rows = await rowsFor(await lastMessageKey(w.patientId));
    const email = (to: string) => rows.find((r) => r.to === to && r.channel === "email")!.id;
    expect(await deliverNotification(email(w.patient.userId), { retryCount: 0, retryLimit: 5 })).toBe("sent");
    expect(await deliverNotification(email(w.daughter.userId), { retryCount: 0, retryLimit: 5 })).toBe(
      "sent",
    );
    const sentTo = async (id: string) =>
      (
        await db().select({ to: notifications.sentTo }).from(notifications).where(eq(notifications.id, id))
      )[0]!.to;
    expect(await sentTo(email(w.patient.userId))).toBe("maria.private@work.example");
    // Her daughter is not the patient: the request is about how to reach Maria.
    expect(await sentTo(email(w.daughter.userId))).toBe(w.daughter.email);
    const toMaria = smtp.received.filter(
      (m) => m.messageId === `<${email(w.patient.userId)}@carebridge.notifications>`,
    );
    expect(toMaria.map((m) => m.to)).toEqual([["maria.private@work.example"]]);
    expect(
      smtp.received.some(
        (m) => m.to.includes(w.patient.email) && m.messageId?.includes(email(w.patient.userId)),
      ),
    ).toBe(false);

    // A request that names only a phone: no email reaches her at all, and the outbox says why.
    await db()
      .update(rightsRequests)
      .set({ alternateEmail: null, alternatePhone: "+15550100" })
      .where(eq(rightsRequests.id, request!.id));
    await startThread(w.coordinator, w.patientId, { subject: "Otra", body: "Otra cosa.", shared: true });
    const next = (await rowsFor(await lastMessageKey(w.patientId))).find(
      (r) => r.to === w.patient.userId && r.channel === "email",
    )!;
    expect(await deliverNotification(next.id, { retryCount: 0, retryLimit: 5 })).toBe("skipped");
    const [skipped] = await db().select().from(notifications).where(eq(notifications.id, next.id));
    expect([skipped!.status, skipped!.lastError, skipped!.sentTo]).toEqual([
      "skipped",
      "The patient's confidential-communications request names no email.",
      null,
    ]);
  });

  it("counts a failed try and throws for the queue to retry; after the last try it is a dead letter", async () => {
    await startThread(w.coordinator, w.patientId, { subject: "Prueba", body: "Hola.", shared: true });
    const rows = await rowsFor(await lastMessageKey(w.patientId));
    const id = rows.find((r) => r.to === w.daughter.userId && r.channel === "email")!.id;
    smtp.state.refuse = 2;
    await expect(deliverNotification(id, { retryCount: 0, retryLimit: 5 })).rejects.toThrow(/451|busy/i);
    const state = async () =>
      (
        await db()
          .select()
          .from(notifications)
          .where(and(eq(notifications.id, id)))
      )[0]!;
    expect([(await state()).status, (await state()).attempts]).toEqual(["pending", 1]);
    await expect(deliverNotification(id, { retryCount: 5, retryLimit: 5 })).rejects.toThrow(/451|busy/i);
    expect([(await state()).status, (await state()).attempts]).toEqual(["failed", 2]);
    expect((await state()).lastError).toMatch(/451|busy/i);
    // A dead letter is not sent by a late job either.
    expect(await deliverNotification(id, { retryCount: 0, retryLimit: 5 })).toBe("gone");
  });
});

describe("a row claimed by one delivery", () => {
  it("is not sent by a second delivery of the same job within the lease; after it runs out, a retry sends it", async () => {
    const event = {
      kind: "update" as const,
      key: `claim:${Date.now()}`,
      patientId: w.patientId,
      path: "/me",
    };
    await db().transaction((tx) => notifyPatientSide(tx, event));
    const email = (await rowsFor(event.key)).find(
      (r) => r.to === w.daughter.userId && r.channel === "email",
    )!;
    // Another worker took it a moment ago and is still sending it.
    await db().update(notifications).set({ claimedAt: new Date() }).where(eq(notifications.id, email.id));
    const before = smtp.received.length;
    const second = await deliverBatch([{ id: email.id, attempt: { retryCount: 1, retryLimit: 5 } }]);
    expect(second.get(email.id)).toEqual(new Error("Another delivery is sending this notification."));
    expect(smtp.received.length).toBe(before);
    const [row] = await db().select().from(notifications).where(eq(notifications.id, email.id));
    // Still pending, its try not counted against it: the one holding it decides.
    expect([row!.status, row!.attempts]).toEqual(["pending", 0]);

    // The holder died: once the lease (2 minutes) has run out, the retry sends it, once. Set well
    // past it: exactly at the boundary the two statements' now() can fall in one tick, and the row
    // still counts as held.
    await db()
      .update(notifications)
      .set({ claimedAt: sql`now() - interval '3 minutes'` })
      .where(eq(notifications.id, email.id));
    expect(await deliverNotification(email.id, { retryCount: 2, retryLimit: 5 })).toBe("sent");
    expect(
      smtp.received.filter((m) => m.messageId === `<${email.id}@carebridge.notifications>`),
    ).toHaveLength(1);
  });

  it("is not sent by a delivery whose lease ran out and another took it over before it left", async () => {
    const event = {
      kind: "update" as const,
      key: `takeover:${Date.now()}`,
      patientId: w.patientId,
      path: "/me",
    };
    await db().transaction((tx) => notifyPatientSide(tx, event));
    const email = (await rowsFor(event.key)).find(
      (r) => r.to === w.daughter.userId && r.channel === "email",
    )!;
    // The first delivery claimed it; its batch outran the lease and a second delivery claimed it again.
    const first = await claim([email.id], 120);
    expect(first.rows).toHaveLength(1);
    await db()
      .update(notifications)
      .set({ claimedAt: sql`now() - interval '3 minutes'` })
      .where(eq(notifications.id, email.id));
    const second = await claim([email.id], 120);
    expect(second.rows).toHaveLength(1);
    // The first, reaching this message at last, finds it is no longer its own; the second's is.
    expect(await renewClaim(email.id, first.rows[0]!.claim)).toBe(false);
    expect(await renewClaim(email.id, second.rows[0]!.claim)).toBe(true);
    // A renewed claim is held again from now: a third delivery finds it busy.
    expect((await claim([email.id], 120)).busy).toEqual([email.id]);
  });
});
