import type { FieldSpec } from "@/components/action-form";
import { labelOptions } from "@/components/ui/options";
import {
  type DecisionParticipant,
  type DecisionView,
  PARTICIPANT_KIND_LABELS,
  PARTICIPANT_ROWS,
} from "@/lib/decisions";

const LANGUAGES = [
  { value: "en", label: "English" },
  { value: "es", label: "Spanish" },
];

/** One row per person who took part: who they are, and their name; an empty row is left out. */
function participantFields(participants: DecisionParticipant[]): FieldSpec[] {
  return PARTICIPANT_ROWS.flatMap((n, k): FieldSpec[] => {
    const given = participants[k];
    return [
      {
        kind: "select",
        name: `participantKind${n}`,
        label: `Person ${n} who took part: who they are`,
        options: [{ value: "", label: "—" }, ...labelOptions(PARTICIPANT_KIND_LABELS)],
        defaultValue: given?.kind ?? (k === 0 ? "patient" : ""),
      },
      {
        kind: "text",
        name: `participantName${n}`,
        label: `Person ${n}: name`,
        required: n === 1,
        hint: n === 1 ? "e.g. “Ana Díaz (daughter)”, “Dr. Okafor, nephrology”." : undefined,
        defaultValue: given?.name ?? "",
      },
    ];
  });
}

/**
 * The fields of the form that records a decision, and of the one that edits it (its values given):
 * topic, the options one per line, her choice in her words and its language, the date, the care
 * plan, and who took part.
 */
export function decisionFields(
  plans: { id: string; title: string }[],
  today: string,
  decision?: DecisionView,
): FieldSpec[] {
  return [
    {
      kind: "text",
      name: "topic",
      label: "What the decision was about",
      hint: "e.g. “Dialysis or conservative care”.",
      required: true,
      defaultValue: decision?.topic,
    },
    {
      kind: "textarea",
      name: "options",
      label: "Options considered, one per line",
      required: true,
      maxLength: 3000,
      defaultValue: decision?.options.join("\n"),
    },
    {
      kind: "textarea",
      name: "choiceInHerWords",
      label: "The patient's choice, in their own words",
      hint: "Write what the patient said, as they said it; not a summary.",
      required: true,
      maxLength: 4000,
      defaultValue: decision?.choiceInHerWords,
    },
    {
      kind: "select",
      name: "language",
      label: "The language of their words",
      options: LANGUAGES,
      defaultValue: decision?.language ?? "en",
    },
    {
      kind: "date",
      name: "decidedOn",
      label: "Decided on",
      required: true,
      defaultValue: decision?.decidedOn ?? today,
    },
    {
      kind: "select",
      name: "carePlanId",
      label: "Care plan it belongs to",
      options: [{ value: "", label: "None" }, ...plans.map((p) => ({ value: p.id, label: p.title }))],
      defaultValue: decision?.carePlan?.id ?? "",
    },
    ...participantFields(decision?.participants ?? []),
  ];
}
