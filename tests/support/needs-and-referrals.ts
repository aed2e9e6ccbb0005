import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { type NeedDomain, needs, referrals, services } from "@/db/schema";
import { addDaysIso, zonedDate } from "@/lib/time";

// Needs and referrals written straight into their tables, along the moves the database allows
// (migration 0026): a need starts open; open → referred → met needs a completed referral of it
// first, and a referral goes sent → accepted → completed (or declined, or no answer).

const HOUR = 3_600_000;

export interface SeededNeed {
  id: string;
  patientId: string;
  foundAt: Date;
}

/** A service in the directory for referrals to go to. */
export async function createService(userId: string): Promise<string> {
  const [s] = await db()
    .insert(services)
    .values({
      name: `Community help ${crypto.randomUUID().slice(0, 8)}`,
      kind: "community",
      domains: ["food", "housing-instability", "transportation", "utilities", "safety"],
      languages: ["en", "es", "vi"],
      phone: "555-0100",
      createdBy: userId,
      updatedBy: userId,
    })
    .returning({ id: services.id });
  return s!.id;
}

/** A need found (open) at the moment given. */
export async function findNeed(
  userId: string,
  patientId: string,
  domain: NeedDomain,
  foundAt: Date,
): Promise<SeededNeed> {
  const [n] = await db()
    .insert(needs)
    .values({ patientId, domain, identifiedAt: foundAt, identifiedBy: userId, updatedBy: userId })
    .returning({ id: needs.id });
  return { id: n!.id, patientId, foundAt };
}

/**
 * The need referred an hour after it was found, and the referral ended at `endedAt`: completed
 * (then the need met at that moment), declined by the service or not answered (the need reopened).
 * `endedAt` null leaves the referral accepted, still open.
 */
export async function referNeed(
  userId: string,
  serviceId: string,
  need: SeededNeed,
  end: "completed" | "declined" | "no-answer",
  endedAt: Date | null,
): Promise<string> {
  const sentAt = new Date(need.foundAt.getTime() + HOUR);
  const sentOn = zonedDate(sentAt);
  const [r] = await db()
    .insert(referrals)
    .values({
      patientId: need.patientId,
      needId: need.id,
      serviceId,
      sentBy: userId,
      sentAt,
      acceptDueOn: addDaysIso(sentOn, 7),
      updatedBy: userId,
    })
    .returning({ id: referrals.id });
  const id = r!.id;
  await db().update(needs).set({ status: "referred" }).where(eq(needs.id, need.id));
  if (end !== "no-answer")
    await db()
      .update(referrals)
      .set({
        status: "accepted",
        acceptedAt: new Date(sentAt.getTime() + HOUR),
        completeDueOn: addDaysIso(sentOn, 60),
      })
      .where(eq(referrals.id, id));
  if (endedAt === null) return id;
  await db()
    .update(referrals)
    .set({ status: end, endedAt, outcome: end === "completed" ? "Help given." : "No help given." })
    .where(eq(referrals.id, id));
  await db()
    .update(needs)
    .set(
      end === "completed"
        ? { status: "met", metAt: endedAt, metReason: "referral-completed" }
        : { status: "open" },
    )
    .where(eq(needs.id, need.id));
  return id;
}

/** The patient says the need is met, without a referral. */
export async function meetByPatientsWord(need: SeededNeed, metAt: Date): Promise<void> {
  await db()
    .update(needs)
    .set({ status: "met", metAt, metReason: "patient-said" })
    .where(eq(needs.id, need.id));
}
