import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { type NotificationChannel, notificationSettings, rightsRequests, users } from "@/db/schema";

/** Where a notification goes, or why it goes nowhere. */
export type Destination =
  | { to: string; quiet?: { from: string; until: string }; includeDetails: boolean }
  | { skip: string };

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
      smsStoppedAt: notificationSettings.smsStoppedAt,
      quietFrom: notificationSettings.quietFrom,
      quietUntil: notificationSettings.quietUntil,
      includeDetails: notificationSettings.includeDetails,
    })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(eq(users.id, recipientUserId));
  if (!person?.active) return { skip: "The account is not active." };
  // STOP reached the provider after this was written (lib/notifications/sms-webhooks.ts): no text until START.
  if (channel === "sms" && person.smsStoppedAt) return { skip: "The person replied STOP." };
  const includeDetails = person.includeDetails ?? false;
  // Text messages wait through the person's quiet hours (21:00–08:00 unless they chose others).
  const quiet =
    channel === "sms"
      ? { from: person.quietFrom ?? "21:00", until: person.quietUntil ?? "08:00" }
      : undefined;
  if (person.patientId) {
    const confidential = await unsafeConfidentialContact(executor, person.patientId);
    if (confidential) {
      const to = channel === "email" ? confidential.email : confidential.phone;
      return to
        ? { to, quiet, includeDetails }
        : {
            skip: `The patient's confidential-communications request names no ${channel === "email" ? "email" : "phone"}.`,
          };
    }
  }
  if (channel === "email") return { to: person.email, includeDetails };
  return person.smsPhone
    ? { to: person.smsPhone, quiet, includeDetails }
    : { skip: "No mobile number was given for text messages." };
}

/**
 * The alternates named by the patient's granted confidential-communications request, the newest
 * granted one governing; null when there is none. Reads no policy: for delivery, and for the
 * patient's own settings page after its own check.
 */
export async function unsafeConfidentialContact(
  executor: Executor,
  patientId: string,
): Promise<{ email: string | null; phone: string | null } | null> {
  const [row] = await executor
    .select({ email: rightsRequests.alternateEmail, phone: rightsRequests.alternatePhone })
    .from(rightsRequests)
    .where(
      and(
        eq(rightsRequests.patientId, patientId),
        eq(rightsRequests.type, "confidential-communication"),
        inArray(rightsRequests.decision, ["granted", "partly-granted"]),
      ),
    )
    .orderBy(desc(rightsRequests.decidedOn), desc(rightsRequests.createdAt))
    .limit(1);
  return row ?? null;
}
