import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { notifications, sessions } from "@/db/schema";
import { validateSession } from "@/lib/auth/sessions";
import { countUnread, startThread } from "@/lib/messages";
import { unreadCount } from "@/lib/notifications/bell";
import { shellCountSql } from "@/lib/shell/count-sql";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

// Issue 19: the shell's per-request work (the session, unread team messages, unread notifications)
// is one statement. The figures it reads with the session must be the ones the pages count alone.

async function sessionFor(userId: string, role: "coordinator" | "advocate" | "patient") {
  const [row] = await db()
    .insert(sessions)
    .values({ userId, role, expiresAt: new Date(Date.now() + 3_600_000) })
    .returning({ id: sessions.id });
  return row!.id;
}

async function portalNotice(userId: string) {
  await db()
    .insert(notifications)
    .values({
      id: randomUUID(),
      eventKey: `test:${randomUUID()}`,
      kind: "overdue-alert",
      channel: "portal",
      recipientUserId: userId,
      link: "/my-work",
      status: "sent",
      sentAt: new Date(),
    });
}

describe("the shell's badges, read with the session", () => {
  it("equal the counts of unread messages and notifications, for whom they are, and not another's", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const advocate = actorFor(await createUser("advocate"));
    const patient = await createPatient();
    await assignToCaseload(coordinator.userId, patient.id, "coordinator");
    await assignToCaseload(advocate.userId, patient.id, "advocate");
    await startThread(coordinator, patient.id, {
      subject: "Discharge",
      body: "Friday at 10.",
      shared: false,
    });
    await portalNotice(advocate.userId);
    await portalNotice(advocate.userId);

    const check = await validateSession(await sessionFor(advocate.userId, "advocate"), null, {
      also: shellCountSql(),
    });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.also).toEqual({ messages: 1, notifications: 2 });
    // The same figures as the counts the pages ask alone (the control: those are tested elsewhere).
    expect(await countUnread(advocate)).toBe(1);
    expect(await unreadCount(advocate)).toBe(2);

    // The writer has read her own message and has no notice: nothing of the advocate's is hers.
    const own = await validateSession(await sessionFor(coordinator.userId, "coordinator"), null, {
      also: shellCountSql(),
    });
    expect(own.ok && own.also).toEqual({ messages: 0, notifications: 0 });
  });

  it("a check that asks for nothing extra carries nothing", async () => {
    const user = await createUser("coordinator");
    const check = await validateSession(await sessionFor(user.id, "coordinator"));
    expect(check.ok && check.also).toEqual({});
  });
});
