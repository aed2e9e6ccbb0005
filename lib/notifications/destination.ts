import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { type NotificationChannel, notificationSettings, rightsRequests, users } from "@/db/schema";

/** Where a notification goes, or why it goes nowhere. */
export type Destination = { to: string } | { skip: string };

/**
 * The address an email or text message to this person goes to, read at delivery so the newest
 * rule applies. For the patient, a granted confidential-communications request (45 CFR
 * 164.522(b)) governs everything: only the alternate email or phone it names, never the home
 * contact, and nothing by a channel it names no address for. Otherwise the sign-in email, and the
 * mobile number the person opted in with.
 */
export async function unsafeDestination(
  executor: Executor,
  recipientUserId: string,
  channel: Exclude<NotificationChannel, "portal">,
): Promise<Destination> {
  const [person] = await executor
    .select({
      email: users.email,
      patientId: users.patientId,
      active: users.active,
      smsPhone: notificationSettings.smsPhone,
    })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(eq(users.id, recipientUserId));
  if (!person?.active) return { skip: "The account is not active." };
  if (person.patientId) {
    const [confidential] = await executor
      .select({ email: rightsRequests.alternateEmail, phone: rightsRequests.alternatePhone })
      .from(rightsRequests)
      .where(
        and(
          eq(rightsRequests.patientId, person.patientId),
          eq(rightsRequests.type, "confidential-communication"),
          inArray(rightsRequests.decision, ["granted", "partly-granted"]),
        ),
      )
      .orderBy(desc(rightsRequests.decidedOn), desc(rightsRequests.createdAt))
      .limit(1);
    if (confidential) {
      const to = channel === "email" ? confidential.email : confidential.phone;
      return to
        ? { to }
        : {
            skip: `The patient's confidential-communications request names no ${channel === "email" ? "email" : "phone"}.`,
          };
    }
  }
  if (channel === "email") return { to: person.email };
  return person.smsPhone
    ? { to: person.smsPhone }
    : { skip: "No mobile number was given for text messages." };
}
