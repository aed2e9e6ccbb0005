import { z } from "zod";
import {
  REFERRAL_FEEDBACK,
  REFERRAL_TRANSITIONS,
  type ReferralFeedback,
  type ReferralStatus,
} from "@/db/schema/referrals";
import { addDaysIso } from "@/lib/time";
import { blankToUndefined, optionalText, versionField } from "@/lib/validation";

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  sent: "Sent: waiting for the service to answer",
  accepted: "Accepted by the service",
  completed: "Completed: help given",
  declined: "Declined by the service",
  "no-answer": "No answer from the service",
};

/** What each move is called on its button. */
export const REFERRAL_MOVE_LABELS: Record<Exclude<ReferralStatus, "sent">, string> = {
  accepted: "The service accepted",
  completed: "Help was given",
  declined: "The service declined",
  "no-answer": "No answer",
};

export const REFERRAL_FEEDBACK_LABELS: Record<ReferralFeedback, string> = {
  "got-help": "The patient said they got help",
  "did-not-work": "The patient said it did not work",
};

/**
 * How many days a service has to answer a referral, unless the advocate gives another day: the
 * organisation's own target, 7 by default, overridable by the environment (REFERRAL_ACCEPT_DAYS, 1 to 60).
 */
export function referralAcceptDays(): number {
  const days = z.coerce
    .number()
    .int()
    .min(1)
    .max(60)
    .safeParse(process.env.REFERRAL_ACCEPT_DAYS || undefined);
  return days.success ? days.data : 7;
}

/** The moves a referral can make from `from`, in REFERRAL_TRANSITIONS' order. */
export function nextReferralStatuses(from: ReferralStatus): Exclude<ReferralStatus, "sent">[] {
  return REFERRAL_TRANSITIONS.filter(([f]) => f === from).map(
    ([, to]) => to as Exclude<ReferralStatus, "sent">,
  );
}

export const isOpenReferral = (status: ReferralStatus) => status === "sent" || status === "accepted";

/** The day the referral's current step falls due: the service's answer when sent, the help when accepted. */
export function referralDueOn(r: {
  status: ReferralStatus;
  acceptDueOn: string;
  completeDueOn: string | null;
}): string | null {
  if (r.status === "sent") return r.acceptDueOn;
  if (r.status === "accepted") return r.completeDueOn;
  return null;
}

export function isReferralOverdue(r: Parameters<typeof referralDueOn>[0], today: string): boolean {
  const due = referralDueOn(r);
  return due !== null && due < today;
}

const MOVES = ["accepted", "completed", "declined", "no-answer"] as const;

function dueDate(today: string, message: string) {
  return z.iso
    .date({ error: message })
    .refine((v) => v >= today, { error: "Choose today or a later day." })
    .refine((v) => v <= addDaysIso(today, 180), { error: "Choose a day within six months." });
}

/** The staff's referral forms, checked against today in the organisation's zone. */
export function referralSchemas(today: string) {
  return {
    refer: z.object({
      serviceId: z.uuid({ error: "Choose a service from the directory." }),
      acceptDueOn: dueDate(today, "Enter the day the service should answer by."),
      note: optionalText(1000),
    }),
    move: z
      .object({
        to: z.enum(MOVES, { error: "Choose what happened." }),
        completeDueOn: z
          .preprocess(
            blankToUndefined,
            dueDate(today, "Enter the day the help should be given by.").optional(),
          )
          .transform((v) => v ?? null),
        outcome: optionalText(2000),
        version: versionField,
      })
      .superRefine((v, ctx) => {
        if (v.to === "accepted" && !v.completeDueOn)
          ctx.addIssue({
            code: "custom",
            path: ["completeDueOn"],
            message: "Enter the day the help should be given by.",
          });
        if (v.to !== "accepted" && (!v.outcome || v.outcome.length < 3))
          ctx.addIssue({ code: "custom", path: ["outcome"], message: "Say what happened, in a sentence." });
      }),
  };
}

type Schemas = ReturnType<typeof referralSchemas>;
export type ReferInput = z.infer<Schemas["refer"]>;
export type ReferralMoveInput = z.infer<Schemas["move"]>;

/** The patient's word on a referral from the portal; the messages are in her language. */
export function referralFeedbackSchema(words: { answer: string }) {
  return z.object({ answer: z.enum(REFERRAL_FEEDBACK, { error: words.answer }), version: versionField });
}
export type ReferralFeedbackInput = z.infer<ReturnType<typeof referralFeedbackSchema>>;
