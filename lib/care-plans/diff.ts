import type { CarePlanSnapshot, PlanGoal } from "@/db/schema/care-plans";
import type { WrittenLanguage } from "@/db/schema/languages";
import { formatCalendarDate } from "@/lib/time";
import {
  GOAL_PRIORITY_LABELS,
  GOAL_STATUS_LABELS,
  INTERVENTION_STATUS_LABELS,
  PLAN_STATUS_LABELS,
} from "./schemas";

/**
 * A version's snapshot with the plain words for the patient (issue 15): the plan's plain-words
 * language and each goal's and step's plain words. Snapshots saved before migration 0022 have
 * neither, so both stay optional here and `withPlainWords` fills them in as they then stood.
 */
export interface PlanSnapshot extends CarePlanSnapshot {
  plainWordsLanguage?: WrittenLanguage;
  goals: (PlanGoal & { plainWords?: string | null })[];
  interventions: (CarePlanSnapshot["interventions"][number] & { plainWords?: string | null })[];
}

/** An older snapshot read as a new one: plain words in English (the column's default), none written. */
function withPlainWords(s: PlanSnapshot): PlanSnapshot & { plainWordsLanguage: WrittenLanguage } {
  return {
    ...s,
    plainWordsLanguage: s.plainWordsLanguage ?? "en",
    goals: s.goals.map((g) => ({ ...g, plainWords: g.plainWords ?? null })),
    interventions: s.interventions.map((i) => ({ ...i, plainWords: i.plainWords ?? null })),
  };
}

type Item = { id: string; description: string; plainWords?: string | null };
type Show = (value: unknown) => string;

const quoted = (v: unknown) => (v === null || v === undefined || v === "" ? "none" : `“${String(v)}”`);
const date: Show = (v) => (typeof v === "string" ? formatCalendarDate(v) : "none");
const label =
  (labels: Record<string, string>): Show =>
  (v) =>
    labels[String(v)] ?? String(v);
const yesNo: Show = (v) => (v ? "yes" : "no");
const LANGUAGE_NAMES: Record<WrittenLanguage, string> = { en: "English", es: "Spanish" };

/** The fields a person reads in the history, in the order they read them, and how to show each. */
const PLAN_FIELDS: [keyof PlanSnapshot, string, Show][] = [
  ["title", "Name", quoted],
  ["status", "Status", label(PLAN_STATUS_LABELS)],
  ["reviewDate", "Review date", date],
  ["endReason", "Reason", quoted],
  ["plainWordsLanguage", "Plain words written in", label(LANGUAGE_NAMES)],
];
const SECTIONS = [
  { key: "problems", noun: "problem", fields: [["description", "wording", quoted]] },
  {
    key: "goals",
    noun: "goal",
    fields: [
      ["description", "wording", quoted],
      ["measure", "measure", quoted],
      ["plainWords", "plain words", quoted],
      ["targetDate", "target date", date],
      ["status", "status", label(GOAL_STATUS_LABELS)],
      ["priority", "priority", label(GOAL_PRIORITY_LABELS)],
      ["patientSet", "set by the patient", yesNo],
    ],
  },
  {
    key: "interventions",
    noun: "intervention",
    fields: [
      ["description", "wording", quoted],
      ["plainWords", "plain words", quoted],
      ["goal", "goal", quoted],
      ["owner", "owner", (v: unknown) => (v ? String(v) : "not assigned")],
      ["dueDate", "due date", date],
      ["status", "status", label(INTERVENTION_STATUS_LABELS)],
    ],
  },
] as const satisfies readonly {
  key: "problems" | "goals" | "interventions";
  noun: string;
  fields: readonly (readonly [string, string, Show])[];
}[];

/**
 * What one version changed, as sentences a person can read: "Goal “Walk daily”: status
 * Proposed → Working on it". The first version lists what the plan started with.
 */
export function describeChanges(older: PlanSnapshot | null, newer: PlanSnapshot): string[] {
  const before = older && withPlainWords(older);
  const after = withPlainWords(newer);
  if (!before) {
    const counts = SECTIONS.map(({ key, noun }) => {
      const n = after[key].length;
      return `${n} ${noun}${n === 1 ? "" : "s"}`;
    });
    return [`Plan started as ${quoted(after.title)} with ${counts.join(", ")}.`];
  }
  const lines: string[] = [];
  for (const [key, name, show] of PLAN_FIELDS) {
    if (before[key] !== after[key]) lines.push(`${name}: ${show(before[key])} → ${show(after[key])}.`);
  }
  for (const { key, noun, fields } of SECTIONS) {
    const old = new Map<string, Item>((before[key] as Item[]).map((i) => [i.id, i]));
    const now = new Set((after[key] as Item[]).map((i) => i.id));
    const Noun = noun[0]!.toUpperCase() + noun.slice(1);
    for (const item of after[key] as Item[]) {
      const was = old.get(item.id);
      if (!was) {
        const words = item.plainWords ? `, in plain words ${quoted(item.plainWords)}` : "";
        lines.push(`Added ${noun} ${quoted(item.description)}${words}.`);
        continue;
      }
      const changes = fields
        .filter(([f]) => (was as Record<string, unknown>)[f] !== (item as Record<string, unknown>)[f])
        .map(
          ([f, fieldName, fieldShow]) =>
            `${fieldName} ${fieldShow((was as Record<string, unknown>)[f])} → ${fieldShow((item as Record<string, unknown>)[f])}`,
        );
      if (changes.length) lines.push(`${Noun} ${quoted(was.description)}: ${changes.join("; ")}.`);
    }
    for (const [id, was] of old) {
      if (!now.has(id)) lines.push(`Removed ${noun} ${quoted(was.description)}.`);
    }
  }
  return lines.length ? lines : ["No visible change."];
}
