import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  type NotificationChannel,
  type NotificationKind,
  notificationSettings,
  rightsRequests,
  users,
} from "@/db/schema";

/** Where a notification goes, or why it goes nowhere. */
export type Destination =
  | { to: string; quiet?: { from: string; until: string }; includeDetails: boolean }
  | { skip: string };

/** What one notification asks of the destination: who, by which channel, about what. */
export interface DestinationRequest {
  recipientUserId: string;
  channel: Exclude<NotificationChannel, "portal">;
  kind: NotificationKind;
}

/**
 * The address an email or text message to this person goes to, read at delivery so the newest
 * rule applies. For the patient, a granted confidential-communications request (45 CFR
 * 164.522(b)) governs everything: only the alternate email or phone it names, never the home
 * contact, and nothing by a channel it names no address for. Otherwise the sign-in email, and the
 * mobile number the person opted in with. Nothing goes by a channel the person turned off, or off
 * for this kind, after it was written (the settings page, an email's unsubscribe link).
 */
export async function unsafeDestination(
  executor: Executor,
  recipientUserId: string,
  channel: Exclude<NotificationChannel, "portal">,
  kind: NotificationKind,
): Promise<Destination> {
  const [destination] = await unsafeDestinations(executor, [{ recipientUserId, channel, kind }]);
  return destination!;
}

/**
 * The destinations of a batch of notifications, in order, in two statements whatever its size
 * (the people with their settings; the requests that govern their patients' contacts): the
 * queue delivers a hundred at a time, and a statement per notification would hold the pool the
 * pages share.
 */
export async function unsafeDestinations(
  executor: Executor,
  requests: readonly DestinationRequest[],
): Promise<Destination[]> {
  if (requests.length === 0) return [];
  const people = await executor
    .select({
      userId: users.id,
      email: users.email,
      patientId: users.patientId,
      active: users.active,
      smsPhone: notificationSettings.smsPhone,
      smsStoppedAt: notificationSettings.smsStoppedAt,
      quietFrom: notificationSettings.quietFrom,
      quietUntil: notificationSettings.quietUntil,
      includeDetails: notificationSettings.includeDetails,
      emailOn: notificationSettings.email,
      emailOffKinds: notificationSettings.emailOffKinds,
      smsOffKinds: notificationSettings.smsOffKinds,
    })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(inArray(users.id, [...new Set(requests.map((r) => r.recipientUserId))]));
  const byUser = new Map(people.map((p) => [p.userId, p]));
  const patientIds = [...new Set(people.flatMap((p) => (p.patientId ? [p.patientId] : [])))];
  const governing =
    patientIds.length === 0
      ? []
      : await executor
          .selectDistinctOn([rightsRequests.patientId], {
            patientId: rightsRequests.patientId,
            email: rightsRequests.alternateEmail,
            phone: rightsRequests.alternatePhone,
          })
          .from(rightsRequests)
          .where(and(inArray(rightsRequests.patientId, patientIds), GRANTED_CONFIDENTIAL))
          .orderBy(rightsRequests.patientId, ...NEWEST_FIRST);
  const confidentialOf = new Map(governing.map((g) => [g.patientId, g]));
  return requests.map(({ recipientUserId, channel, kind }) => {
    const person = byUser.get(recipientUserId);
    if (!person?.active) return { skip: "The account is not active." };
    const confidential = person.patientId ? (confidentialOf.get(person.patientId) ?? null) : null;
    return destinationFor(person, confidential, channel, kind);
  });
}

type Person = {
  email: string;
  smsPhone: string | null;
  smsStoppedAt: Date | null;
  quietFrom: string | null;
  quietUntil: string | null;
  includeDetails: boolean | null;
  emailOn: boolean | null;
  emailOffKinds: string[] | null;
  smsOffKinds: string[] | null;
};

/** The rules, on what was read: the person's choices, then the request that governs, then their own contact. */
function destinationFor(
  person: Person,
  confidential: { email: string | null; phone: string | null } | null,
  channel: Exclude<NotificationChannel, "portal">,
  kind: NotificationKind,
): Destination {
  // STOP reached the provider after this was written (lib/notifications/sms-webhooks.ts): no text until START.
  if (channel === "sms" && person.smsStoppedAt) return { skip: "The person replied STOP." };
  if (channel === "email" && person.emailOn === false) return { skip: "The person turned email off." };
  const off = channel === "email" ? person.emailOffKinds : person.smsOffKinds;
  if (off?.includes(kind))
    return {
      skip: `The person turned off ${channel === "email" ? "emails" : "text messages"} about ${kind}.`,
    };
  const includeDetails = person.includeDetails ?? false;
  // Text messages wait through the person's quiet hours (21:00–08:00 unless they chose others).
  const quiet =
    channel === "sms"
      ? { from: person.quietFrom ?? "21:00", until: person.quietUntil ?? "08:00" }
      : undefined;
  if (confidential) {
    const to = channel === "email" ? confidential.email : confidential.phone;
    return to
      ? { to, quiet, includeDetails }
      : {
          skip: `The patient's confidential-communications request names no ${channel === "email" ? "email" : "phone"}.`,
        };
  }
  if (channel === "email") return { to: person.email, includeDetails };
  return person.smsPhone
    ? { to: person.smsPhone, quiet, includeDetails }
    : { skip: "No mobile number was given for text messages." };
}

/** A confidential-communications request that governs: granted, in whole or in part. */
const GRANTED_CONFIDENTIAL = and(
  eq(rightsRequests.type, "confidential-communication"),
  inArray(rightsRequests.decision, ["granted", "partly-granted"]),
);
/** Of several granted, the newest decision governs. */
const NEWEST_FIRST = [desc(rightsRequests.decidedOn), desc(rightsRequests.createdAt)] as const;

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
    .where(and(eq(rightsRequests.patientId, patientId), GRANTED_CONFIDENTIAL))
    .orderBy(...NEWEST_FIRST)
    .limit(1);
  return row ?? null;
}

/**
 * Every patient's governing confidential-communications request and the phone it names (null:
 * none), chosen as unsafeConfidentialContact chooses, as a subquery: a text-message reply is
 * matched to the patients whose texts go to the number it came from (sms-webhooks.ts).
 */
export function unsafeGoverningConfidentialPhones(executor: Executor) {
  return executor
    .selectDistinctOn([rightsRequests.patientId], {
      patientId: rightsRequests.patientId,
      phone: rightsRequests.alternatePhone,
    })
    .from(rightsRequests)
    .where(GRANTED_CONFIDENTIAL)
    .orderBy(rightsRequests.patientId, ...NEWEST_FIRST)
    .as("governing_confidential");
}
