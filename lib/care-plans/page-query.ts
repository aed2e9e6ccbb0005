import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import {
  type CarePlanStatus,
  carePlans,
  carePlanTemplates,
  carePlanVersions,
  careTeamMembers,
  caseloadAssignments,
  clinicians,
  type PreferenceSnapshot,
  patientPreferences,
  patients,
  users,
  type WrittenLanguage,
} from "@/db/schema";
import { type FlaggedDecision, unsafeFlaggedDecisionsColumn } from "@/lib/decisions";
import { type PlanContent, planContentColumns } from "./content";
import type { PlanSnapshot } from "./diff";

// The care plan page reads everything it shows in one statement (issue 19): the patient's plans,
// the chosen one's content, and each other part as a JSON column, left null when the page does
// not show it. Dates come back as JSON strings; reads.ts turns them into the DTO.

export const HISTORY_LIMIT = 50;

/** Which parts the page shows, decided by the reader from the actor's powers and what was asked. */
export interface PageParts {
  /** Staff see drafts (and drafts withdrawn before use); the others only plans once active. */
  drafts: boolean;
  history: boolean;
  templates: boolean;
  preferences: boolean;
  languageNeed: boolean;
  /** The care team: who may own an intervention. */
  team: boolean;
  /** The coordinators and advocates assigned now: owners too, and whom to call on the print view. */
  staff: boolean;
  flagged: boolean;
}

/** One of the patient's plans as the statement returns it. */
export interface PlanRow {
  id: string;
  title: string;
  status: CarePlanStatus;
  reviewDate: string;
  createdAt: string;
  activatedAt: string | null;
  endedAt: string | null;
  version: number;
  endReason: string | null;
  updatedAt: string;
  updatedByName: string;
  templateName: string | null;
  plainWordsLanguage: WrittenLanguage;
}

export interface PageRow extends PlanContent {
  plans: PlanRow[];
  chosenId: string | null;
  versions: { version: number; changedAt: string; changedBy: string; snapshot: PlanSnapshot }[] | null;
  templates: { id: string; name: string }[] | null;
  preferences: PreferenceSnapshot | null;
  languageNeed: { preferredLanguage: string; interpreterNeeded: boolean } | null;
  team: { id: string; name: string; discipline: string }[] | null;
  staff: { id: string; name: string; email: string; kind: "coordinator" | "advocate" }[] | null;
  flagged: FlaggedDecision[] | null;
}

const when = (shown: boolean, column: () => SQL) => (shown ? column() : sql`null`);

/**
 * The page in one statement: the plans, the chosen one (the one asked for, else the active one,
 * else the draft, else the newest) with its content, and the parts `parts` asks for. Reads no
 * policy: the caller has authorised the actor for this patient's plans and decided the parts.
 */
export async function readCarePlanPageRow(
  executor: Executor,
  patientId: string,
  planId: string | null,
  parts: PageParts,
): Promise<PageRow> {
  const chosen = sql`(select id from chosen)`;
  const [row] = await queryRows<PageRow>(
    executor,
    sql`with plan_list as (
      select p.id, p.title, p.status, p.review_date as "reviewDate", p.created_at as "createdAt",
             p.activated_at as "activatedAt", p.ended_at as "endedAt", p.version, p.end_reason as "endReason",
             p.updated_at as "updatedAt", u.name as "updatedByName", t.name as "templateName",
             p.plain_words_language as "plainWordsLanguage"
        from ${carePlans} p
        join ${users} u on u.id = p.updated_by
        left join ${carePlanTemplates} t on t.id = p.template_id
       where p.patient_id = ${patientId} ${parts.drafts ? sql`` : sql`and p.activated_at is not null`}
    ), chosen as (
      select id from plan_list
       order by id = ${planId}::uuid desc, status = 'active' desc, status = 'draft' desc, "createdAt" desc
       limit 1
    )
    select (select coalesce(json_agg(l order by l."createdAt" desc), '[]') from plan_list l) as plans,
           ${chosen} as "chosenId",
           ${planContentColumns(chosen)},
           ${when(parts.history, () => versionsColumn(chosen))} as versions,
           ${when(parts.templates, templatesColumn)} as templates,
           ${when(parts.preferences, () => preferencesColumn(patientId))} as preferences,
           ${when(parts.languageNeed, () => languageNeedColumn(patientId))} as "languageNeed",
           ${when(parts.team, () => teamColumn(patientId))} as team,
           ${when(parts.staff, () => staffColumn(patientId))} as staff,
           ${when(parts.flagged, () => unsafeFlaggedDecisionsColumn(patientId))} as flagged`,
  );
  return row!;
}

/** The plan's latest versions, newest first, one more than shown (to describe the oldest one's change). */
const versionsColumn = (planId: SQL) =>
  sql`(select coalesce(json_agg(v order by v.version desc), '[]') from (
         select cv.version, cv.changed_at as "changedAt", vu.name as "changedBy", cv.snapshot
           from ${carePlanVersions} cv join ${users} vu on vu.id = cv.changed_by
          where cv.plan_id = ${planId}
          order by cv.version desc
          limit ${HISTORY_LIMIT + 1}) v)`;

const templatesColumn = () =>
  sql`(select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name), '[]')
         from ${carePlanTemplates} t where t.archived_at is null)`;

const preferencesColumn = (patientId: string) =>
  sql`(select json_build_object('whatMattersMost', pp.what_matters_most, 'myGoals', pp.my_goals,
            'treatmentPreferences', pp.treatment_preferences, 'communicationPreferences', pp.communication_preferences,
            'languageNeeds', pp.language_needs, 'decisionSupport', pp.decision_support, 'whoMayBeTold', pp.who_may_be_told)
         from ${patientPreferences} pp where pp.patient_id = ${patientId})`;

const languageNeedColumn = (patientId: string) =>
  sql`(select json_build_object('preferredLanguage', pt.preferred_language, 'interpreterNeeded', pt.interpreter_needed)
         from ${patients} pt where pt.id = ${patientId})`;

const teamColumn = (patientId: string) =>
  sql`(select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'discipline', c.discipline)
            order by c.name), '[]')
         from ${careTeamMembers} m join ${clinicians} c on c.id = m.clinician_id
        where m.patient_id = ${patientId} and m.archived_at is null)`;

/** As `unsafeCaseloadStaff` (lib/patients/caseload-staff.ts) reads them: assigned now, active accounts. */
const staffColumn = (patientId: string) =>
  sql`(select coalesce(json_agg(json_build_object('id', su.id, 'name', su.name, 'email', su.email, 'kind', ca.kind)
            order by ca.kind, su.name), '[]')
         from ${caseloadAssignments} ca join ${users} su on su.id = ca.staff_user_id
        where ca.patient_id = ${patientId} and ca.ended_at is null and su.active)`;
