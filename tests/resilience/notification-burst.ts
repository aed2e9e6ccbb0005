/**
 * Fires a burst of events through the real outbox (`notifyPatientSide`, each in its own
 * transaction, as a domain change does), for the resilience tests of exactly-once delivery. Run
 * in a process of its own against the test database: `tsx --import
 * ./scripts/bench/server-only-hook.mjs tests/resilience/notification-burst.ts <events> <label>`.
 * Before the burst every patient account opts in to text messages with quiet hours off (so the
 * time of day the suite runs at holds nothing back). Prints what it wrote as one JSON line.
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { notificationSettings, notifications, users } from "@/db/schema";
import { notifyPatientSide } from "@/lib/notifications/outbox";
import { closeQueue } from "@/lib/notifications/queue";

async function main() {
  const events = Number(process.argv[2] ?? 1000);
  const label = process.argv[3] ?? "burst";
  const people = await db()
    .select({ id: users.id, patientId: users.patientId })
    .from(users)
    .where(and(eq(users.role, "patient"), eq(users.active, true), isNotNull(users.patientId)));
  if (people.length === 0) throw new Error("the database has no patient accounts");
  for (const [i, person] of people.entries()) {
    const phone = `+1555${String(100_0000 + i).slice(-7)}`;
    const settings = {
      smsPhone: phone,
      smsOptInAt: sql`now()`,
      smsOptInWording: "Text me about my care (resilience test).",
      quietFrom: "00:00",
      quietUntil: "00:00",
    };
    await db()
      .insert(notificationSettings)
      .values({ userId: person.id, ...settings })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: settings });
  }
  for (let i = 0; i < events; i++) {
    const person = people[i % people.length]!;
    await db().transaction((tx) =>
      notifyPatientSide(tx, {
        kind: "message",
        key: `${label}:${i}`,
        patientId: person.patientId!,
        path: "/me/messages",
      }),
    );
  }
  const written = await db()
    .select({ channel: notifications.channel, n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(sql`${notifications.eventKey} like ${`${label}:%`}`)
    .groupBy(notifications.channel);
  console.log(JSON.stringify(Object.fromEntries(written.map((w) => [w.channel, w.n]))));
}

main()
  .then(async () => {
    await closeQueue();
    await closeDatabase();
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
