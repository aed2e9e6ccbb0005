import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, queryRows } from "@/db/client";
import { notifications } from "@/db/schema";
import { deliverBatch, deliverNotification } from "@/lib/notifications/deliver";
import { notifyPatientSide } from "@/lib/notifications/outbox";
import { claim, handBack } from "@/lib/notifications/outcomes";
import { inSendLanes, SEND_LANES } from "@/lib/notifications/send-lanes";
import { createPatient, createUser } from "./support/factories";
import { startSmtpServer } from "./support/smtp";

// A real SMTP server the notifications reach; the environment is read once, so it is set first.
const smtp = await startSmtpServer();
process.env.SMTP_URL = smtp.url;
process.env.PUBLIC_URL = "https://care.example.org";

let patientId: string;
beforeAll(async () => {
  const p = await createPatient();
  await createUser("patient", { patientId: p.id });
  patientId = p.id;
});
afterAll(async () => {
  await smtp.close();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the process's send lanes", () => {
  it("carry at most SEND_LANES messages at once across every batch, and fill them all", async () => {
    let now = 0;
    let most = 0;
    const task = async () => {
      now++;
      most = Math.max(most, now);
      await wait(5);
      now--;
    };
    // Two batches at once, as when pg-boss fetched the next before the first ended.
    const [a, b] = await Promise.all([
      inSendLanes(Array.from({ length: 30 }, () => task)),
      inSendLanes(Array.from({ length: 30 }, () => task)),
    ]);
    expect([a, b]).toEqual([[], []]);
    expect(most).toBe(SEND_LANES);
  });

  it("start nothing after the deadline and say which tasks they did not start", async () => {
    const ran: number[] = [];
    const deadline = Date.now() + 150;
    // The first lane-full ends at once, the second holds its lanes past the deadline.
    const tasks = Array.from({ length: SEND_LANES * 3 }, (_, i) => async () => {
      ran.push(i);
      if (i >= SEND_LANES) await wait(300);
    });
    const notStarted = await inSendLanes(tasks, deadline);
    // The third lane-full's turn came after the deadline.
    expect(ran.length).toBe(SEND_LANES * 2);
    expect(notStarted).toEqual(Array.from({ length: SEND_LANES }, (_, i) => SEND_LANES * 2 + i));
  });

  it("let a task waiting for a lane held by another batch give up at its deadline", async () => {
    let held = true;
    const holding = inSendLanes(
      Array.from({ length: SEND_LANES }, () => async () => {
        await wait(400);
        held = false;
      }),
    );
    const started: number[] = [];
    const waiting = await inSendLanes(
      Array.from({ length: 3 }, (_, i) => async () => {
        started.push(i);
      }),
      Date.now() + 50,
    );
    // Given up while the other batch still held every lane, none of them started.
    expect([waiting, started, held]).toEqual([[0, 1, 2], [], true]);
    await holding;
    // Positive control: with the lanes free again, the same tasks start.
    expect(
      await inSendLanes(
        Array.from({ length: 3 }, (_, i) => async () => {
          started.push(i);
        }),
        Date.now() + 1000,
      ),
    ).toEqual([]);
    expect(started).toEqual([0, 1, 2]);
  });
});

describe("a batch that reaches its deadline", () => {
  it("hands the rows it did not start back to the queue, unsent, their claims let go and no try spent; the new job sends each once", async () => {
    const key = `hand-back:${Date.now()}`;
    await db().transaction((tx) => notifyPatientSide(tx, { kind: "update", key, patientId, path: "/me" }));
    const [email] = await db()
      .select({ id: notifications.id })
      .from(notifications)
      .where(sql`${notifications.eventKey} = ${key} and ${notifications.channel} = 'email'`);
    const jobs = async () =>
      (
        await queryRows<{ n: number }>(
          db(),
          sql`select count(*)::int as n from pgboss.job where name = 'notify' and data->>'notificationId' = ${email!.id}`,
        )
      )[0]!.n;
    const jobsBefore = await jobs();
    const before = smtp.received.length;

    const results = await deliverBatch(
      [{ id: email!.id, attempt: { retryCount: 0, retryLimit: 5 } }],
      new Date(),
      120,
      Date.now() - 1,
    );
    expect(results.get(email!.id)).toBe("handed-back");
    expect(smtp.received.length).toBe(before);
    const [row] = await db().select().from(notifications).where(eq(notifications.id, email!.id));
    expect([row!.status, row!.attempts, row!.claimedAt]).toEqual(["pending", 0, null]);
    expect(await jobs()).toBe(jobsBefore + 1);

    // Positive control: the same row, delivered without a deadline, leaves once.
    expect(await deliverNotification(email!.id, { retryCount: 0, retryLimit: 5 })).toBe("sent");
    expect(
      smtp.received.filter((m) => m.messageId === `<${email!.id}@carebridge.notifications>`),
    ).toHaveLength(1);
  });

  it("leaves a row another delivery took over to that delivery: its claim kept, no job queued", async () => {
    const key = `hand-back-taken:${Date.now()}`;
    await db().transaction((tx) => notifyPatientSide(tx, { kind: "update", key, patientId, path: "/me" }));
    const [email] = await db()
      .select({ id: notifications.id })
      .from(notifications)
      .where(sql`${notifications.eventKey} = ${key} and ${notifications.channel} = 'email'`);
    const id = email!.id;
    const jobs = async () =>
      (
        await queryRows<{ n: number }>(
          db(),
          sql`select count(*)::int as n from pgboss.job where name = 'notify' and data->>'notificationId' = ${id}`,
        )
      )[0]!.n;
    const first = await claim([id], 120);
    // The first delivery's lease ran out and a second took the row.
    await db()
      .update(notifications)
      .set({ claimedAt: sql`now() - interval '3 minutes'` })
      .where(eq(notifications.id, id));
    const second = await claim([id], 120);
    const jobsBefore = await jobs();
    expect(await handBack([{ id, claim: first.rows[0]!.claim }])).toEqual([]);
    const [row] = await db().select().from(notifications).where(eq(notifications.id, id));
    expect(row!.claimedAt).not.toBeNull();
    expect(await jobs()).toBe(jobsBefore);
    // Positive control: the holder's own claim hands it back.
    expect(await handBack([{ id, claim: second.rows[0]!.claim }])).toEqual([id]);
    expect(await jobs()).toBe(jobsBefore + 1);
  });
});
