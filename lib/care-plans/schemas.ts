import { z } from "zod";
import {
  type CARE_PLAN_STATUSES,
  type CarePlanStatus,
  GOAL_PRIORITIES,
  GOAL_STATUSES,
  INTERVENTION_STATUSES,
} from "@/db/schema/care-plans";
import { addDaysIso } from "@/lib/time";
import {
  blankToUndefined,
  checkbox,
  IdSchema,
  optionalText,
  requiredText,
  versionField,
} from "@/lib/validation";
import { writtenLanguageField } from "@/lib/written-language";

export type { CarePlanStatus };

export const CarePlanIdSchema = IdSchema;
export const PlanItemKindSchema = z.enum(["problem", "goal", "intervention"]);
export type PlanItemKind = z.infer<typeof PlanItemKindSchema>;

/**
 * The care plan page's `?edit=`: the one form it shows, opened by its link. An item's id opens
 * that item's edit and remove forms; the others name the plan's own forms, and `start` the form
 * that starts another plan while one is active, `close` those that complete or revoke the active plan.
 */
export const PLAN_FORMS = [
  "details",
  "template",
  "add-problem",
  "add-goal",
  "add-intervention",
  "start",
  "close",
] as const;
export const OpenFormSchema = z.union([IdSchema, z.enum(PLAN_FORMS)]);
export type OpenForm = z.infer<typeof OpenFormSchema>;

/** Whether the open form is one item's (named by its id) rather than one of the plan's own. */
export const opensItem = (open: OpenForm) => !(PLAN_FORMS as readonly string[]).includes(open);

export const GOAL_STATUS_LABELS: Record<(typeof GOAL_STATUSES)[number], string> = {
  proposed: "Proposed",
  active: "Working on it",
  achieved: "Achieved",
  "not-achieved": "Not achieved",
  cancelled: "Cancelled",
};
export const GOAL_PRIORITY_LABELS: Record<(typeof GOAL_PRIORITIES)[number], string> = {
  high: "High",
  medium: "Medium",
  low: "Low",
};
export const INTERVENTION_STATUS_LABELS: Record<(typeof INTERVENTION_STATUSES)[number], string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  done: "Done",
  cancelled: "Cancelled",
};
export const PLAN_STATUS_LABELS: Record<(typeof CARE_PLAN_STATUSES)[number], string> = {
  draft: "Draft",
  active: "Active",
  completed: "Completed",
  revoked: "Revoked",
};

/**
 * The moves the lifecycle allows: draft → active → completed or revoked; a draft that will not
 * be used is withdrawn as revoked. The database refuses every other move too (migration 0007).
 */
export const PLAN_TRANSITIONS: Record<
  (typeof CARE_PLAN_STATUSES)[number],
  readonly ("active" | "completed" | "revoked")[]
> = {
  draft: ["active", "revoked"],
  active: ["completed", "revoked"],
  completed: [],
  revoked: [],
};

const version = versionField;
const text = requiredText;

/** A calendar date near enough to today to be meant: a year back at most, three years ahead. */
function dateNear(today: string, { notBeforeToday = false } = {}) {
  const earliest = notBeforeToday ? today : addDaysIso(today, -365);
  return z.iso
    .date({ error: "Enter a date." })
    .refine((v) => v >= earliest, {
      error: notBeforeToday
        ? "Choose today or a later date."
        : "That is more than a year ago. Check the year.",
    })
    .refine((v) => v <= addDaysIso(today, 3 * 365), {
      error: "That is more than three years ahead. Check the year.",
    });
}
const optionalDate = (today: string) =>
  z.preprocess(blankToUndefined, dateNear(today).optional()).transform((v) => v ?? null);
const optionalId = z.preprocess(blankToUndefined, z.uuid({ error: "Choose from the list." }).optional());

/** "clinician:<id>" or "user:<id>", as the owner list offers them; empty for "not assigned yet". */
const ownerField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^(clinician|user):[0-9a-f-]{36}$/, { error: "Choose an owner from the list." })
    .transform((v) => {
      const [type, id] = v.split(":") as ["clinician" | "user", string];
      return { type, id };
    })
    .optional(),
);

/** A goal or step in plain words for the patient, in the plan's plain-words language; blank is none. */
const plainWords = optionalText(1000);

export function carePlanSchemas(today: string) {
  const title = text(3, 120, "Give the plan a name, e.g. 'Home after hip surgery'.");
  const reviewDate = dateNear(today, { notBeforeToday: true });
  const problem = z.object({
    description: text(3, 1000, "Describe the problem or need in a few words."),
  });
  const goal = z.object({
    description: text(3, 1000, "Describe the goal, e.g. 'Walk to the mailbox without help'."),
    measure: optionalText(500),
    plainWords,
    targetDate: optionalDate(today),
    status: z.enum(GOAL_STATUSES, { error: "Choose a status from the list." }),
    priority: z.enum(GOAL_PRIORITIES, { error: "Choose a priority from the list." }),
    patientSet: checkbox,
  });
  const intervention = z.object({
    description: text(3, 1000, "Say what will be done, e.g. 'Arrange home physiotherapy'."),
    plainWords,
    goalId: optionalId.transform((v) => v ?? null),
    owner: ownerField.transform((v) => v ?? null),
    dueDate: optionalDate(today),
    status: z.enum(INTERVENTION_STATUSES, { error: "Choose a status from the list." }),
  });
  return {
    // Blank means the patient's own language (when the portal speaks it), which the domain reads.
    start: z.object({
      title,
      reviewDate,
      templateId: optionalId.transform((v) => v ?? null),
      plainWordsLanguage: writtenLanguageField,
    }),
    // Blank leaves the plan's plain-words language as it is.
    details: z.object({ title, reviewDate, plainWordsLanguage: writtenLanguageField, version }),
    problem: problem.extend({ version }),
    goal: goal.extend({ version }),
    intervention: intervention.extend({ version }),
    remove: z.object({ version }),
    transition: z
      .object({
        to: z.enum(["active", "completed", "revoked"], { error: "Choose what happens to the plan." }),
        reason: optionalText(1000),
        version,
      })
      .refine((v) => v.to !== "revoked" || v.reason, {
        path: ["reason"],
        error: "Say why the plan is revoked: the patient and the team will read it.",
      }),
    template: z.object({
      name: text(3, 80, "Name the template, e.g. 'Heart failure: first 30 days'."),
      description: text(3, 500, "Say in a sentence when to use it."),
    }),
  };
}

type Schemas = ReturnType<typeof carePlanSchemas>;
export type StartPlanInput = z.infer<Schemas["start"]>;
export type PlanDetailsInput = z.infer<Schemas["details"]>;
export type ProblemInput = z.infer<Schemas["problem"]>;
export type GoalInput = z.infer<Schemas["goal"]>;
export type InterventionInput = z.infer<Schemas["intervention"]>;
export type TransitionInput = z.infer<Schemas["transition"]>;
export type TemplateInput = z.infer<Schemas["template"]>;
export type PlanItemInput =
  | ({ kind: "problem" } & ProblemInput)
  | ({ kind: "goal" } & GoalInput)
  | ({ kind: "intervention" } & InterventionInput);
