import "server-only";
import { asc, desc, eq, inArray, type SQLWrapper } from "drizzle-orm";
import { alias, QueryBuilder } from "drizzle-orm/pg-core";
import { carePlans, decisions, decisionVersions, users } from "@/db/schema";
import { listOf, type PartValue } from "@/lib/records/read-together";
import type { DecisionLink } from "./links";
import type { DecisionView } from "./reads";
import { type DecisionSnapshot, describeDecisionChange, isFlagged } from "./versions";

// The staff page's reads of decision records, as parts of its one statement (lib/records/read-together.ts).

const voiceFlagger = alias(users, "voice_flagger");
const resolver = alias(users, "resolver");
const recorder = alias(users, "recorder");

const NEWEST_FIRST = [desc(decisions.decidedOn), desc(decisions.recordedAt)] as const;
const SHOWN = 200;

/** The ids of the decisions the page shows, as a subquery for the parts about them. */
export const shownDecisions = (patientId: string) =>
  new QueryBuilder()
    .select({ id: decisions.id })
    .from(decisions)
    .where(eq(decisions.patientId, patientId))
    .orderBy(...NEWEST_FIRST)
    .limit(SHOWN);

/** The patient's decision records, newest decision first, with names of who flagged and resolved. */
export const decisionsPart = (patientId: string) =>
  listOf(
    {
      row: decisions,
      planTitle: carePlans.title,
      voiceBy: voiceFlagger.name,
      resolvedByName: resolver.name,
      recordedByName: recorder.name,
    },
    (q) =>
      q
        .from(decisions)
        .innerJoin(recorder, eq(recorder.id, decisions.recordedBy))
        .leftJoin(carePlans, eq(carePlans.id, decisions.carePlanId))
        .leftJoin(voiceFlagger, eq(voiceFlagger.id, decisions.voiceNotReflectedBy))
        .leftJoin(resolver, eq(resolver.id, decisions.resolvedBy))
        .where(eq(decisions.patientId, patientId))
        .orderBy(...NEWEST_FIRST)
        .limit(SHOWN),
  );

type DecisionRow = PartValue<ReturnType<typeof decisionsPart>>[number];

export function toView(
  r: DecisionRow,
  links: DecisionLink[],
  history: DecisionView["history"],
): DecisionView {
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

/** Every saved state of the decisions shown, oldest first within each, as a part of the page's read. */
export const historyPart = (shown: SQLWrapper) =>
  listOf(
    {
      decisionId: decisionVersions.decisionId,
      version: decisionVersions.version,
      changedAt: decisionVersions.changedAt,
      changedBy: users.name,
      snapshot: decisionVersions.snapshot,
    },
    (q) =>
      q
        .from(decisionVersions)
        .innerJoin(users, eq(users.id, decisionVersions.changedBy))
        .where(inArray(decisionVersions.decisionId, shown))
        .orderBy(asc(decisionVersions.decisionId), asc(decisionVersions.version)),
  );

/** Each decision's history, newest first, each saved state described against the one before. */
export function toHistory(rows: PartValue<ReturnType<typeof historyPart>>) {
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
