import { z } from "zod";
import {
  AGENT_RANKS,
  CODE_STATUS_WISHES,
  type CodeStatusWish,
  DIRECTIVE_KINDS,
  type DirectiveKind,
} from "@/db/schema/decisions";
import { WRITTEN_LANGUAGES } from "@/db/schema/languages";
import { optionalEmail } from "@/lib/notifications/contact-fields";
import { blankToUndefined, optionalText, requiredText, versionField } from "@/lib/validation";

export type AgentRank = (typeof AGENT_RANKS)[number];
export { CODE_STATUS_WISHES, type CodeStatusWish, DIRECTIVE_KINDS, type DirectiveKind };

// The forms of "who decides": the agent and alternates, an advance directive's record, and her
// code-status wishes. Staff fill them in (English); the portal only reads what they keep.

/** How staff read a rank, a directive's kind and a code-status wish (the portal's words are in lib/i18n/directives.ts). */
export const AGENT_RANK_LABEL: Record<AgentRank, string> = {
  agent: "Health care agent",
  alternate: "Alternate",
};

export const DIRECTIVE_KIND_LABEL: Record<DirectiveKind, string> = {
  "health-care-proxy": "Health care proxy",
  "living-will": "Living will",
  polst: "POLST / MOLST",
  "dnr-order": "Do-not-resuscitate order",
  "psychiatric-advance-directive": "Psychiatric advance directive",
  other: "Other document",
};

export const CODE_STATUS_LABEL: Record<CodeStatusWish, string> = {
  "full-treatment": "Full treatment, including CPR",
  "no-cpr": "No CPR",
  "no-cpr-no-intubation": "No CPR, no breathing tube",
  "comfort-only": "Comfort care only",
  undecided: "Not decided yet",
};

/** Advance directives are scanned as PDF only, 10 MB at most (the database holds the same limit). */
export const DIRECTIVE_FILE_MAX_BYTES = 10 * 1024 * 1024;

const phone = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(/^\+?[\d\s().-]{7,25}(\s*(x|ext\.?)\s*\d{1,6})?$/i, {
      error: "Enter a phone number like (413) 555-0134.",
    })
    .optional()
    .transform((v) => v ?? null),
);

/** The agent or an alternate as the form names them: a way to reach them is required. */
const agentFields = {
  rank: z.enum(AGENT_RANKS, { error: "Choose agent or alternate." }),
  /** An alternate's place in the order (1 is asked first); blank puts them last. Ignored for the agent. */
  position: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Enter the alternate's place in the order: 1, 2, 3…" })
      .int({ error: "Enter a whole number: 1, 2, 3…" })
      .min(1, { error: "The first alternate is 1." })
      .max(20, { error: "Choose a place between 1 and 20." })
      .optional(),
  ),
  name: requiredText(1, 200, "Enter their name."),
  relationship: requiredText(1, 100, "Say how they know her: daughter, friend, neighbour…"),
  phone,
  email: optionalEmail("Enter an email address like name@example.org."),
  address: optionalText(500),
};

const reachable = (value: { phone: string | null; email: string | null }, ctx: z.RefinementCtx) => {
  if (!value.phone && !value.email)
    ctx.addIssue({ code: "custom", path: ["phone"], message: "Enter a phone number or an email address." });
};

export const AgentSchema = z.object(agentFields).superRefine(reachable);
export type AgentInput = z.infer<typeof AgentSchema>;

export const AgentEditSchema = z.object({ ...agentFields, version: versionField }).superRefine(reachable);
export type AgentEditInput = z.infer<typeof AgentEditSchema>;

export const ArchiveAgentSchema = z.object({ version: versionField });

/** An advance directive's record; the scan is read as sent and checked by its bytes in ./documents.ts. */
export function directiveSchema(today: string) {
  return z.object({
    kind: z.enum(DIRECTIVE_KINDS, { error: "Choose the kind of document." }),
    signedOn: z.iso
      .date({ error: "Enter the date it was signed." })
      .refine((v) => v <= today, { error: "The date signed cannot be in the future." })
      .refine((v) => v >= "1900-01-01", { error: "Check the year it was signed." }),
    originalLocation: requiredText(
      1,
      500,
      "Say where the signed original is: with her, her agent, her doctor's office…",
    ),
    file: z.unknown().optional(),
  });
}
export type DirectiveInput = z.infer<ReturnType<typeof directiveSchema>>;

/** Archiving asks nothing but the confirmation the page shows first. */
export const ArchiveDirectiveSchema = z.object({});

/** Her code-status wish and her words for it; the version the editor saw (0 when none is recorded). */
export const CareWishesSchema = z.object({
  codeStatus: z.enum(CODE_STATUS_WISHES, { error: "Choose what she wants." }),
  inHerWords: optionalText(2000),
  language: z.enum(WRITTEN_LANGUAGES, { error: "Choose English or Spanish." }),
  version: z.coerce.number().int().min(0),
});
export type CareWishesInput = z.infer<typeof CareWishesSchema>;
