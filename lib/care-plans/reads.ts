import "server-only";
import type { Actor } from "@/lib/authz";
import { flaggedDecisionsRead } from "@/lib/decisions";
import { NotFoundError } from "@/lib/errors";
import { writtenLanguageFor } from "@/lib/patients/language";
import { type RecordRead, readPatientRecord } from "@/lib/records/patient-read";
import { zonedDate } from "@/lib/time";
import { describeChanges } from "./diff";
import { ownerOptions } from "./owners";
import { HISTORY_LIMIT, type PageRow, type PlanRow, readCarePlanPageRow } from "./page-query";
import type { CarePlanListItem, CarePlanPage, PlanDetail, PlanVersionEntry } from "./page-types";
import { PLAN_TRANSITIONS } from "./schemas";

export type { CarePlanListItem, CarePlanPage, PlanDetail, PlanVersionEntry } from "./page-types";

/** What the page asks for beyond the plan: the print view, the version history, the owner list. */
export interface CarePlanPageOptions {
  print?: boolean;
  history?: boolean;
  owners?: boolean;
}

/**
 * One patient's care plans for the care-plan page: the list, the chosen plan (by default the
 * active one, else the draft) with its content and, for staff who ask, its version history.
 */
export async function getCarePlanPage(
  actor: Actor,
  patientId: string,
  planId: string | null = null,
  options: CarePlanPageOptions = {},
): Promise<CarePlanPage> {
  const print = options.print ?? false;
  return readPatientRecord(
    actor,
    "read:carePlan",
    patientId,
    (record) => readPlans(record, planId, options),
    (page) => [
      {
        action: "care-plan.view",
        entityType: "care_plan",
        entityId: page.plan?.id ?? null,
        details: { print, history: page.staff && !print && (options.history ?? false) },
      },
      // The alert above the plan is a read of the patient's decisions, audited as theirs.
      ...(page.flagged ? [flaggedDecisionsRead(page.flagged.length)] : []),
    ],
  );
}

const date = (value: string) => new Date(value);
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

function listItem(p: PlanRow): CarePlanListItem {
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    reviewDate: p.reviewDate,
    createdAt: date(p.createdAt),
    activatedAt: dateOrNull(p.activatedAt),
    endedAt: dateOrNull(p.endedAt),
  };
}

function planDetail(p: PlanRow, row: PageRow): PlanDetail {
  const { problems, goals, interventions } = row;
  return {
    ...listItem(p),
    version: p.version,
    endReason: p.endReason,
    updatedAt: date(p.updatedAt),
    updatedByName: p.updatedByName,
    templateName: p.templateName,
    plainWordsLanguage: p.plainWordsLanguage,
    content: { problems, goals, interventions },
  };
}

/** Each version with what it changed from the one before; the oldest read only to describe the next. */
function versionEntries(versions: NonNullable<PageRow["versions"]>): PlanVersionEntry[] {
  return versions.slice(0, HISTORY_LIMIT).map((v, k) => ({
    version: v.version,
    changedAt: date(v.changedAt),
    changedBy: v.changedBy,
    changes: describeChanges(versions[k + 1]?.snapshot ?? null, v.snapshot),
  }));
}

async function readPlans(
  { patientId, database, can }: RecordRead,
  planId: string | null,
  { print = false, history = false, owners = false }: CarePlanPageOptions,
): Promise<Omit<CarePlanPage, "patient">> {
  const staff = can("read:teamNotes");
  const canWrite = can("write:carePlan");
  const canReadPreferences = can("read:preferences");
  const forms = canWrite && !print;
  const flagged = !print && can("read:decision");
  const row = await readCarePlanPageRow(database, patientId, planId, {
    drafts: staff,
    history: staff && !print && history,
    templates: forms,
    preferences: canReadPreferences,
    languageNeed: forms,
    team: forms && owners,
    staff: print || (forms && owners),
    flagged,
  });
  const chosen = row.plans.find((p) => p.id === row.chosenId);
  if (planId && chosen?.id !== planId) throw new NotFoundError();
  const plan = chosen ? planDetail(chosen, row) : null;
  const offersOwners = plan !== null && row.team !== null && PLAN_TRANSITIONS[plan.status].length > 0;
  const need = row.languageNeed;
  return {
    staff,
    canWrite,
    today: zonedDate(),
    plans: row.plans.map(listItem),
    plan,
    history: row.versions ? versionEntries(row.versions) : [],
    owners: offersOwners ? ownerOptions({ team: row.team!, staff: row.staff! }, plan.content) : [],
    templates: row.templates ?? [],
    preferences: row.preferences,
    canReadPreferences,
    languageNeed: need && { ...need, defaultLanguage: writtenLanguageFor(need.preferredLanguage) },
    contacts: print ? row.staff!.map(({ name, email, kind }) => ({ name, email, kind })) : [],
    flagged: row.flagged,
  };
}
