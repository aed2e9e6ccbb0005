import "server-only";
import { asc, eq } from "drizzle-orm";
import { type ReferralFeedback, type ReferralStatus, referrals, services, users } from "@/db/schema";
import { listOf, type PartValue } from "@/lib/records/read-together";
import { isReferralOverdue, nextReferralStatuses, referralDueOn } from "./schemas";

/** A referral as the staff's needs page shows it. */
export interface NeedReferral {
  id: string;
  needId: string;
  version: number;
  status: ReferralStatus;
  service: { id: string; name: string; languages: string[]; active: boolean };
  note: string | null;
  sentAt: Date;
  sentBy: string;
  acceptDueOn: string;
  acceptedAt: Date | null;
  completeDueOn: string | null;
  endedAt: Date | null;
  outcome: string | null;
  /** The day the current step falls due (null once ended), and whether it is past. */
  dueOn: string | null;
  overdue: boolean;
  patientFeedback: ReferralFeedback | null;
  patientFeedbackAt: Date | null;
  /** What the advocate can record next. */
  moves: Exclude<ReferralStatus, "sent">[];
}

/**
 * Every referral of one patient, oldest first, for the needs page, as a part of its one statement.
 * Reads no policy: the needs page authorised the actor to read this patient's referrals in the
 * same request (lib/needs/reads.ts).
 */
export function unsafeReferralsPart(patientId: string) {
  return listOf(
    {
      id: referrals.id,
      needId: referrals.needId,
      version: referrals.version,
      status: referrals.status,
      serviceId: services.id,
      serviceName: services.name,
      serviceLanguages: services.languages,
      serviceActive: services.active,
      note: referrals.note,
      sentAt: referrals.sentAt,
      sentBy: users.name,
      acceptDueOn: referrals.acceptDueOn,
      acceptedAt: referrals.acceptedAt,
      completeDueOn: referrals.completeDueOn,
      endedAt: referrals.endedAt,
      outcome: referrals.outcome,
      patientFeedback: referrals.patientFeedback,
      patientFeedbackAt: referrals.patientFeedbackAt,
    },
    (q) =>
      q
        .from(referrals)
        .innerJoin(services, eq(services.id, referrals.serviceId))
        .innerJoin(users, eq(users.id, referrals.sentBy))
        .where(eq(referrals.patientId, patientId))
        .orderBy(asc(referrals.sentAt), asc(referrals.id))
        .limit(500),
  );
}

/** A referral as read by `unsafeReferralsPart`, with where it stands on `today`. */
export function toNeedReferral(
  {
    serviceId,
    serviceName,
    serviceLanguages,
    serviceActive,
    ...r
  }: PartValue<ReturnType<typeof unsafeReferralsPart>>[number],
  today: string,
): NeedReferral {
  return {
    ...r,
    service: { id: serviceId, name: serviceName, languages: serviceLanguages, active: serviceActive },
    dueOn: referralDueOn(r),
    overdue: isReferralOverdue(r, today),
    moves: nextReferralStatuses(r.status),
  };
}
