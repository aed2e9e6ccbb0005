import { z } from "zod";
import { CONCERN_CATEGORIES } from "@/db/schema/concerns";
import { CORRECTION_SUBJECTS, RIGHTS_REQUEST_TYPES } from "@/db/schema/rights-requests";
import type { Messages } from "@/lib/i18n/messages";
import { addDaysIso } from "@/lib/time";
import { blankToUndefined } from "@/lib/validation";

/** Text the person must give, with every message in their language. */
function said(t: Messages, min: number, max: number, tooShort: string) {
  return z
    .string({ error: tooShort })
    .trim()
    .min(min, { error: tooShort })
    .max(max, { error: t.errors.tooLong(max) });
}

function maybe(t: Messages, max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: t.errors.tooLong(max) })
    .optional()
    .transform((v) => v || null);
}

/** The portal's forms, their messages in the person's language. */
export function portalSchemas(t: Messages, today: string) {
  return {
    concern: z.object({
      category: z.enum(CONCERN_CATEGORIES, { error: t.errors.category }),
      whatHappened: said(t, 10, 5000, t.errors.whatHappened),
      desiredOutcome: said(t, 3, 2000, t.errors.desiredOutcome),
      eventDate: z
        .preprocess(
          blankToUndefined,
          z.iso
            .date({ error: t.errors.eventDate })
            .refine((v) => v <= today && v >= addDaysIso(today, -3650), { error: t.errors.eventDate })
            .optional(),
        )
        .transform((v) => v ?? null),
    }),
    preferences: z.object({
      whatMattersMost: maybe(t, 2000),
      myGoals: maybe(t, 2000),
      treatmentPreferences: maybe(t, 2000),
      communicationPreferences: maybe(t, 2000),
      languageNeeds: maybe(t, 2000),
      decisionSupport: maybe(t, 2000),
      whoMayBeTold: maybe(t, 2000),
      version: z.coerce.number().int().min(0),
    }),
    rights: z.object({
      type: z.enum(RIGHTS_REQUEST_TYPES, { error: t.errors.type }),
      details: said(t, 5, 3000, t.errors.details),
      requestedForm: maybe(t, 200),
      healthPlanSelfPay: z
        .literal("on")
        .optional()
        .transform((v) => v === "on"),
      subject: z
        .preprocess(
          blankToUndefined,
          z
            .string()
            .regex(
              new RegExp(
                `^(${CORRECTION_SUBJECTS.join("|")}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
              ),
              { error: t.errors.item },
            )
            .optional(),
        )
        .transform((v) => {
          if (!v) return null;
          const [kind, id] = v.split(":") as [(typeof CORRECTION_SUBJECTS)[number], string];
          return { kind, id };
        }),
    }),
  };
}
