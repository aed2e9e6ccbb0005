import "server-only";
import { and, asc, eq, or, sql } from "drizzle-orm";
import {
  caseloadAssignments,
  type NeedDomain,
  needs,
  patients,
  type ReferralStatus,
  referrals,
  services,
} from "@/db/schema";
import { type Actor, inCurrentCaseload } from "@/lib/authz";
import { listOf, mapPart, type Part } from "@/lib/records/read-together";

export interface ReferralDue {
  id: string;
  patientId: string;
  patientName: string;
  serviceName: string;
  domain: NeedDomain;
  status: Extract<ReferralStatus, "sent" | "accepted">;
  dueOn: string;
  overdue: boolean;
}

/** The day the open step falls due, in SQL: the service's answer when sent, the help when accepted. */
const stepDueOn = sql<string>`(case when ${referrals.status} = 'sent' then ${referrals.acceptDueOn} else ${referrals.completeDueOn} end)`;

/**
 * The referrals of the patients in the advocate's current caseload, whoever sent them (the sender
 * may have left the caseload), whose open step is due today or past: sent and not answered by the
 * day given, accepted and the help not given by its day. Soonest first. Reads no policy: "My work"
 * authorises first, gives this kind of work only to advocates, and writes the audit event. A part
 * of "My work"'s one statement (lib/records/read-together.ts).
 */
export function readReferralsDue(actor: Actor, today: string, limit: number): Part<ReferralDue[]> {
  const rows = listOf(
    {
      id: referrals.id,
      patientId: patients.id,
      patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
      serviceName: services.name,
      domain: needs.domain,
      status: referrals.status,
      dueOn: sql<string>`${stepDueOn}::text`,
    },
    (q) =>
      q
        .from(referrals)
        .innerJoin(needs, eq(needs.id, referrals.needId))
        .innerJoin(services, eq(services.id, referrals.serviceId))
        .innerJoin(patients, eq(patients.id, referrals.patientId))
        .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, referrals.patientId))
        .where(
          and(
            inCurrentCaseload(actor.userId),
            or(
              and(eq(referrals.status, "sent"), sql`${referrals.acceptDueOn} <= ${today}`),
              and(eq(referrals.status, "accepted"), sql`${referrals.completeDueOn} <= ${today}`),
            ),
          ),
        )
        .orderBy(asc(stepDueOn), asc(referrals.id))
        .limit(limit),
  );
  return mapPart(rows, (list) =>
    list.map((r) => ({ ...r, status: r.status as ReferralDue["status"], overdue: r.dueOn < today })),
  );
}
