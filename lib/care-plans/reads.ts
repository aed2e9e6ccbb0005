import "server-only";
import { and, asc, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { carePlans, carePlanTemplates, carePlanVersions, users } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { unsafeReadLanguageNeed } from "@/lib/patients/language";
import { unsafeReadPatientPreferences } from "@/lib/preferences";
import { type RecordRead, readPatientRecord } from "@/lib/records/patient-read";
import { zonedDate } from "@/lib/time";
import { readPlanContent } from "./content";
import { describeChanges } from "./diff";
import { caseloadStaff, ownerCandidates, ownerOptions } from "./owners";
import type { CarePlanListItem, CarePlanPage, PlanDetail, PlanVersionEntry } from "./page-types";
import { PLAN_TRANSITIONS } from "./schemas";

export type { CarePlanListItem, CarePlanPage, PlanDetail, PlanVersionEntry } from "./page-types";

const HISTORY_LIMIT = 50;

const listItemColumns = {
  id: carePlans.id,
  title: carePlans.title,
  status: carePlans.status,
  reviewDate: carePlans.reviewDate,
  createdAt: carePlans.createdAt,
  activatedAt: carePlans.activatedAt,
  endedAt: carePlans.endedAt,
};

/**
 * One patient's care plans for the care-plan page: the list, the chosen plan (by default the
 * active one, else the draft) with its content and, for staff, its version history.
 */
export async function getCarePlanPage(
  actor: Actor,
  patientId: string,
  planId: string | null = null,
  { print = false }: { print?: boolean } = {},
): Promise<CarePlanPage> {
  return readPatientRecord(
    actor,
    "read:carePlan",
    patientId,
    (record) => readPlans(record, planId, print),
    (page) => ({
      action: "care-plan.view",
      entityType: "care_plan",
      entityId: page.plan?.id ?? null,
      details: { print },
    }),
  );
}

async function readPlans(
  { patientId, database, can }: RecordRead,
  planId: string | null,
  print: boolean,
): Promise<Omit<CarePlanPage, "patient">> {
  const staff = can("read:teamNotes");
  const canWrite = can("write:carePlan");
  const canReadPreferences = can("read:preferences");
  const updater = alias(users, "updater");
  const [planRows, preferences, templates, contactRows, languageNeed] = await Promise.all([
    // Each plan with what the page shows of the chosen one: a patient has a handful of plans.
    database
      .select({
        ...listItemColumns,
        version: carePlans.version,
        endReason: carePlans.endReason,
        updatedAt: carePlans.updatedAt,
        updatedByName: updater.name,
        templateName: carePlanTemplates.name,
        plainWordsLanguage: carePlans.plainWordsLanguage,
      })
      .from(carePlans)
      .innerJoin(updater, eq(updater.id, carePlans.updatedBy))
      .leftJoin(carePlanTemplates, eq(carePlanTemplates.id, carePlans.templateId))
      // Drafts (and drafts withdrawn before use) are working papers of the team.
      .where(and(eq(carePlans.patientId, patientId), staff ? undefined : isNotNull(carePlans.activatedAt)))
      .orderBy(desc(carePlans.createdAt)),
    canReadPreferences ? unsafeReadPatientPreferences(database, patientId) : null,
    canWrite && !print
      ? database
          .select({
            id: carePlanTemplates.id,
            name: carePlanTemplates.name,
            description: carePlanTemplates.description,
          })
          .from(carePlanTemplates)
          .where(isNull(carePlanTemplates.archivedAt))
          .orderBy(asc(carePlanTemplates.name))
      : [],
    print ? caseloadStaff(database, patientId) : [],
    canWrite && !print ? unsafeReadLanguageNeed(database, patientId) : null,
  ]);
  const contacts = contactRows.map(({ name, email, kind }) => ({ name, email, kind }));
  const plans: CarePlanListItem[] = planRows.map(
    ({
      version: _v,
      endReason: _e,
      updatedAt: _u,
      updatedByName: _n,
      templateName: _t,
      plainWordsLanguage: _l,
      ...item
    }) => item,
  );
  const chosen = planId
    ? planRows.find((p) => p.id === planId)
    : (planRows.find((p) => p.status === "active") ??
      planRows.find((p) => p.status === "draft") ??
      planRows[0]);
  if (planId && !chosen) throw new NotFoundError();
  let plan: PlanDetail | null = null;
  let history: PlanVersionEntry[] = [];
  let owners: CarePlanPage["owners"] = [];
  if (chosen) {
    const offersOwners = canWrite && !print && PLAN_TRANSITIONS[chosen.status].length > 0;
    const [content, versions, candidates] = await Promise.all([
      readPlanContent(database, chosen.id),
      staff && !print
        ? database
            .select({
              version: carePlanVersions.version,
              changedAt: carePlanVersions.changedAt,
              changedBy: users.name,
              snapshot: carePlanVersions.snapshot,
            })
            .from(carePlanVersions)
            .innerJoin(users, eq(users.id, carePlanVersions.changedBy))
            .where(eq(carePlanVersions.planId, chosen.id))
            .orderBy(desc(carePlanVersions.version))
            .limit(HISTORY_LIMIT + 1)
        : [],
      offersOwners ? ownerCandidates(database, patientId) : null,
    ]);
    plan = { ...chosen, content };
    history = versions.slice(0, HISTORY_LIMIT).map((v, k) => ({
      version: v.version,
      changedAt: v.changedAt,
      changedBy: v.changedBy,
      changes: describeChanges(versions[k + 1]?.snapshot ?? null, v.snapshot),
    }));
    if (candidates) owners = ownerOptions(candidates, content);
  }
  return {
    staff,
    canWrite,
    today: zonedDate(),
    plans,
    plan,
    history,
    owners,
    templates,
    preferences,
    canReadPreferences,
    languageNeed,
    contacts,
  };
}
