import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { type NeedDomain, type NeedMetReason, type NeedStatus, needs, users } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { readPatientRecord } from "@/lib/records/patient-read";
import { listOf, partsIf, readTogether } from "@/lib/records/read-together";
import { type NeedReferral, toNeedReferral, unsafeReferralsPart } from "@/lib/referrals/reads";
import { referralAcceptDays } from "@/lib/referrals/schemas";
import { primaryLanguage, type Service, unsafeActiveServicesFor } from "@/lib/services";
import { addDaysIso, zonedDate } from "@/lib/time";

/** A need on the staff's needs page, with its referrals. */
export interface PatientNeed {
  id: string;
  version: number;
  domain: NeedDomain;
  status: NeedStatus;
  /** A screening found it, or staff noted it. */
  source: "screening" | "noted";
  identifiedAt: Date;
  identifiedBy: string;
  note: string | null;
  metAt: Date | null;
  metReason: NeedMetReason | null;
  referrals: NeedReferral[];
}

export interface PatientNeeds {
  patient: PatientHeader;
  needs: PatientNeed[];
  /** The directory's active services for the needs shown, when the reader may refer. */
  services: Service[];
  /** The patient's language as the directory spells it ("es"), to say which services work in it. */
  language: string;
  canNote: boolean;
  canRefer: boolean;
  canReadReferrals: boolean;
  today: string;
  /** The day the referral form suggests the service answer by. */
  defaultAcceptDueOn: string;
}

/** One patient's needs, newest first, each with its referrals (for those who may read them); audited. */
export async function getPatientNeeds(actor: Actor, patientId: string): Promise<PatientNeeds> {
  return readPatientRecord(
    actor,
    "read:needs",
    patientId,
    async ({ database, can, language }) => {
      const today = zonedDate();
      const canReadReferrals = can("read:referral");
      const canRefer = can("write:referral");
      const { rows, referrals } = await readTogether(database, {
        rows: listOf(
          {
            id: needs.id,
            version: needs.version,
            domain: needs.domain,
            status: needs.status,
            fromScreening: sql<boolean>`${needs.responseId} is not null`,
            identifiedAt: needs.identifiedAt,
            identifiedBy: users.name,
            note: needs.note,
            metAt: needs.metAt,
            metReason: needs.metReason,
          },
          (q) =>
            q
              .from(needs)
              .innerJoin(users, eq(users.id, needs.identifiedBy))
              .where(eq(needs.patientId, patientId))
              .orderBy(desc(needs.identifiedAt), desc(needs.id))
              .limit(200),
        ),
        ...partsIf(canReadReferrals, { referrals: unsafeReferralsPart(patientId) }, { referrals: [] }),
      });
      const shown = referrals.map((r) => toNeedReferral(r, today));
      const unmet = rows.filter((n) => n.status === "open" || n.status === "referred").map((n) => n.domain);
      return {
        needs: rows.map(({ fromScreening, ...n }) => ({
          ...n,
          source: fromScreening ? ("screening" as const) : ("noted" as const),
          referrals: shown.filter((r) => r.needId === n.id),
        })),
        services: canRefer ? await unsafeActiveServicesFor(database, [...new Set(unmet)]) : [],
        language: primaryLanguage(language.preferredLanguage),
        canNote: can("write:needs"),
        canRefer,
        canReadReferrals,
        today,
        defaultAcceptDueOn: addDaysIso(today, referralAcceptDays()),
      };
    },
    (result) => ({
      action: "need.read",
      details: {
        needs: result.needs.length,
        referrals: result.needs.reduce((n, need) => n + need.referrals.length, 0),
      },
    }),
  );
}
