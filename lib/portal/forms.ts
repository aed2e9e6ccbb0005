import { z } from "zod";
import { CORRECTION_SUBJECTS } from "@/db/schema/rights-requests";
import { concernStoryFields } from "@/lib/concerns/schemas";
import type { Messages } from "@/lib/i18n/messages";
import { preferencesSchema } from "@/lib/preferences/schemas";
import { alternatesOnlyConfidential, rightsRequestFields } from "@/lib/rights-requests/schemas";
import { addDaysIso } from "@/lib/time";
import { blankToUndefined } from "@/lib/validation";

const SUBJECT = new RegExp(
  `^(${CORRECTION_SUBJECTS.join("|")}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
);

/** A "kind:id" naming a timeline item a correction is about, or null when it names none. */
export function parseCorrectionSubject(
  value: unknown,
): { kind: (typeof CORRECTION_SUBJECTS)[number]; id: string } | null {
  if (typeof value !== "string" || !SUBJECT.test(value)) return null;
  const [kind, id] = value.split(":") as [(typeof CORRECTION_SUBJECTS)[number], string];
  return { kind, id };
}

/**
 * The portal's forms: the same fields and limits as the staff's (built by the same factories),
 * with every message in the person's language.
 */
export function portalSchemas(t: Messages, today: string) {
  const tooLong = t.errors.tooLong;
  return {
    concern: z.object({
      ...concernStoryFields({
        category: t.errors.category,
        whatHappened: t.errors.whatHappened,
        desiredOutcome: t.errors.desiredOutcome,
        tooLong,
      }),
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
    preferences: preferencesSchema(tooLong),
    /** "This is wrong" beside a timeline item: what is wrong, in her words (the item is bound). */
    correction: z.object({
      details: rightsRequestFields({ type: t.errors.type, details: t.errors.whatIsWrong, tooLong }).details,
    }),
    rights: z
      .object({
        ...rightsRequestFields({
          type: t.errors.type,
          details: t.errors.details,
          tooLong,
          alternateEmail: t.errors.alternateEmail,
          alternatePhone: t.notificationSettings.errors.phone,
        }),
        subject: z
          .preprocess(blankToUndefined, z.string().regex(SUBJECT, { error: t.errors.item }).optional())
          .transform((v) => (v ? parseCorrectionSubject(v) : null)),
      })
      // A correction from the timeline is an amendment, whatever the list said.
      .superRefine(
        alternatesOnlyConfidential(
          (v) => (v.subject ? "amendment" : v.type),
          t.errors.alternateOnlyConfidential,
        ),
      ),
  };
}
