import "server-only";
import { asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { carePlans, decisions, decisionVersions, patientPreferences, users } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { readPatientRecord } from "@/lib/records/patient-read";
import { zonedDate } from "@/lib/time";
import { type DecisionLink, planItemOptions, readDecisionLinks } from "./links";
import type { DecisionConfirmation, DecisionParticipant } from "./schemas";
import { type DecisionSnapshot, describeDecisionChange, isFlagged } from "./versions";

/** One decision record as the staff page shows it. */
export interface DecisionView {
  id: string;
  version: number;
  topic: string;
  options: string[];
  whatMatters: string | null;
  preferencesVersion: number | null;
  choiceInHerWords: string;
  language: "en" | "es";
  participants: DecisionParticipant[];
  decidedOn: string;
  carePlan: { id: string; title: string } | null;
  confirmation: DecisionConfirmation;
  confirmationAt: Date | null;
  patientComment: string | null;
  voiceFlag: { at: Date; by: string; note: string } | null;
  resolution: { at: Date; by: string; text: string } | null;
  /** Flagged and not resolved: on the care plan and the coordinators' "My work" until it is. */
  flagged: boolean;
  recordedBy: string;
  recordedAt: Date;
  links: DecisionLink[];
  history: { version: number; changedAt: Date; changedBy: string; changes: string[] }[];
}

export interface DecisionsPage {
  patient: PatientHeader;
  decisions: DecisionView[];
  canWrite: boolean;
  canFlag: boolean;
  canResolve: boolean;
  today: string;
  /** What the form will copy as "what matters": her preferences record as it stands now. */
  whatMattersNow: { text: string; version: number } | null;
  plans: { id: string; title: string }[];
  planItems: { value: string; label: string }[];
}

const voiceFlagger = alias(users, "voice_flagger");
const resolver = alias(users, "resolver");
const recorder = alias(users, "recorder");

/** The patient's decision records, newest decision first, with names of who flagged and resolved. */
async function readDecisions(executor: Executor, patientId: string) {
  return executor
    .select({
      row: decisions,
      planTitle: carePlans.title,
      voiceBy: voiceFlagger.name,
      resolvedByName: resolver.name,
      recordedByName: recorder.name,
    })
    .from(decisions)
    .innerJoin(recorder, eq(recorder.id, decisions.recordedBy))
    .leftJoin(carePlans, eq(carePlans.id, decisions.carePlanId))
    .leftJoin(voiceFlagger, eq(voiceFlagger.id, decisions.voiceNotReflectedBy))
    .leftJoin(resolver, eq(resolver.id, decisions.resolvedBy))
    .where(eq(decisions.patientId, patientId))
    .orderBy(desc(decisions.decidedOn), desc(decisions.recordedAt))
    .limit(200);
}

type DecisionRow = Awaited<ReturnType<typeof readDecisions>>[number];

function toView(r: DecisionRow, links: DecisionLink[], history: DecisionView["history"]): DecisionView {
  const d = r.row;
  return {
    id: d.id,
    version: d.version,
    topic: d.topic,
    options: d.options,
    whatMatters: d.whatMatters,
    preferencesVersion: d.preferencesVersion,
    choiceInHerWords: d.choiceInHerWords,
    language: d.language,
    participants: d.participants,
    decidedOn: d.decidedOn,
    carePlan: d.carePlanId && r.planTitle ? { id: d.carePlanId, title: r.planTitle } : null,
    confirmation: d.confirmation,
    confirmationAt: d.confirmationAt,
    patientComment: d.patientComment,
    voiceFlag:
      d.voiceNotReflectedAt && d.voiceNote
        ? { at: d.voiceNotReflectedAt, by: r.voiceBy ?? "", note: d.voiceNote }
        : null,
    resolution:
      d.resolvedAt && d.resolution
        ? { at: d.resolvedAt, by: r.resolvedByName ?? "", text: d.resolution }
        : null,
    flagged: isFlagged(d),
    recordedBy: r.recordedByName,
    recordedAt: d.recordedAt,
    links,
    history,
  };
}

/** Every saved state of the given decisions, newest first, each described against the one before. */
async function readHistory(executor: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, DecisionView["history"]>();
  const rows = await executor
    .select({
      decisionId: decisionVersions.decisionId,
      version: decisionVersions.version,
      changedAt: decisionVersions.changedAt,
      changedBy: users.name,
      snapshot: decisionVersions.snapshot,
    })
    .from(decisionVersions)
    .innerJoin(users, eq(users.id, decisionVersions.changedBy))
    .where(inArray(decisionVersions.decisionId, ids))
    .orderBy(asc(decisionVersions.decisionId), asc(decisionVersions.version));
  const history = new Map<string, DecisionView["history"]>();
  rows.forEach((v, k) => {
    const before = rows[k - 1]?.decisionId === v.decisionId ? rows[k - 1]!.snapshot : null;
    const list = history.get(v.decisionId) ?? [];
    list.unshift({
      version: v.version,
      changedAt: v.changedAt,
      changedBy: v.changedBy,
      changes: describeDecisionChange(before as DecisionSnapshot | null, v.snapshot as DecisionSnapshot),
    });
    history.set(v.decisionId, list);
  });
  return history;
}

/** The patient's decision records, what the forms need, and what the actor may do; audited. */
export async function getDecisionsPage(actor: Actor, patientId: string): Promise<DecisionsPage> {
  return readPatientRecord(
    actor,
    "read:decision",
    patientId,
    async ({ database, can }) => {
      const canWrite = can("write:decision");
      const [rows, preferences, plans, planItems] = await Promise.all([
        readDecisions(database, patientId),
        canWrite
          ? database
              .select({ text: patientPreferences.whatMattersMost, version: patientPreferences.version })
              .from(patientPreferences)
              .where(eq(patientPreferences.patientId, patientId))
          : [],
        canWrite
          ? database
              .select({ id: carePlans.id, title: carePlans.title })
              .from(carePlans)
              .where(eq(carePlans.patientId, patientId))
              .orderBy(desc(carePlans.createdAt))
          : [],
        canWrite ? planItemOptions(database, patientId) : [],
      ]);
      const ids = rows.map((r) => r.row.id);
      const [links, history] = await Promise.all([
        readDecisionLinks(database, ids),
        readHistory(database, ids),
      ]);
      const now = preferences[0];
      return {
        decisions: rows.map((r) =>
          toView(
            r,
            links.filter((l) => l.decisionId === r.row.id),
            history.get(r.row.id) ?? [],
          ),
        ),
        canWrite,
        canFlag: can("flag:decision"),
        canResolve: can("resolve:decision"),
        today: zonedDate(),
        whatMattersNow: now?.text ? { text: now.text, version: now.version } : null,
        plans,
        planItems,
      };
    },
    (page) => ({ action: "decision.read", details: { shown: page.decisions.length } }),
  );
}
