import "server-only";
import { and, asc, desc, eq, ne, type SQL } from "drizzle-orm";
import {
  type NeedDomain,
  type NeedStatus,
  needs,
  type ReferralFeedback,
  type ReferralStatus,
  referrals,
  services,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { readPatientRecord } from "@/lib/records/patient-read";
import { listOf, type PartValue, readTogether } from "@/lib/records/read-together";
import { referralDueOn } from "./schemas";

/** A referral as the patient follows it: the service and how to reach it, where it stands, her word. */
export interface PortalReferral {
  id: string;
  version: number;
  status: ReferralStatus;
  service: {
    name: string;
    phone: string | null;
    email: string | null;
    website: string | null;
    address: string | null;
    hours: string | null;
  };
  sentAt: Date;
  /** The day the current step is due (the service's answer, then the help), null once ended. */
  dueOn: string | null;
  endedAt: Date | null;
  feedback: ReferralFeedback | null;
  feedbackAt: Date | null;
}

export interface PortalNeed {
  id: string;
  domain: NeedDomain;
  status: NeedStatus;
  identifiedAt: Date;
  referrals: PortalReferral[];
}

export interface PortalReferrals {
  needs: PortalNeed[];
  canAnswer: boolean;
}

/**
 * The patient's needs and referrals through the portal's own permission, audited as a portal read.
 * Never the staff's side (their notes, the outcome they wrote, who sent it). A safety need is shown
 * to the patient herself only, whatever the policy may one day give anyone else.
 */
export async function getPortalReferrals(actor: Actor, patientId: string): Promise<PortalReferrals> {
  return readPatientRecord(
    actor,
    "read:referral:portal",
    patientId,
    async ({ database, access, can }) => {
      const self = access.relationships.includes("self");
      const shown = and(eq(needs.patientId, patientId), self ? undefined : ne(needs.domain, "safety"));
      const { needRows, referralRows } = await readTogether(database, {
        needRows: listOf(
          { id: needs.id, domain: needs.domain, status: needs.status, identifiedAt: needs.identifiedAt },
          (q) => q.from(needs).where(shown).orderBy(desc(needs.identifiedAt), desc(needs.id)).limit(200),
        ),
        referralRows: referralsPart(patientId, shown),
      });
      return {
        needs: needRows.map((n) => ({
          ...n,
          referrals: referralRows.filter((r) => r.needId === n.id).map(toPortalReferral),
        })),
        canAnswer: can("answer:referral:portal"),
      };
    },
    (result) => ({
      action: "portal.referrals",
      details: {
        needs: result.needs.length,
        referrals: result.needs.reduce((n, need) => n + need.referrals.length, 0),
      },
    }),
  );
}

const referralsPart = (patientId: string, shown: SQL | undefined) =>
  listOf(REFERRAL, (q) =>
    q
      .from(referrals)
      .innerJoin(needs, eq(needs.id, referrals.needId))
      .innerJoin(services, eq(services.id, referrals.serviceId))
      .where(and(eq(referrals.patientId, patientId), shown))
      .orderBy(asc(referrals.sentAt), asc(referrals.id))
      .limit(500),
  );

const REFERRAL = {
  id: referrals.id,
  needId: referrals.needId,
  version: referrals.version,
  status: referrals.status,
  name: services.name,
  phone: services.phone,
  email: services.email,
  website: services.website,
  address: services.address,
  hours: services.hours,
  sentAt: referrals.sentAt,
  acceptDueOn: referrals.acceptDueOn,
  completeDueOn: referrals.completeDueOn,
  endedAt: referrals.endedAt,
  feedback: referrals.patientFeedback,
  feedbackAt: referrals.patientFeedbackAt,
};

function toPortalReferral(r: PartValue<ReturnType<typeof referralsPart>>[number]): PortalReferral {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    service: {
      name: r.name,
      phone: r.phone,
      email: r.email,
      website: r.website,
      address: r.address,
      hours: r.hours,
    },
    sentAt: r.sentAt,
    dueOn: referralDueOn(r),
    endedAt: r.endedAt,
    feedback: r.feedback,
    feedbackAt: r.feedbackAt,
  };
}
