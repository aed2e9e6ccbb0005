import { z } from "zod";
import { NEED_DOMAINS } from "@/db/schema/screening";
import { optionalText, requiredText, versionField } from "@/lib/validation";

/** Staff noting a need heard in conversation: which domain, and what the patient said. */
export const NoteNeedSchema = z.object({
  domain: z.enum(NEED_DOMAINS, { error: "Choose the kind of need from the list." }),
  note: requiredText(3, 1000, "Say in a few words what the patient told you."),
});
export type NoteNeedInput = z.infer<typeof NoteNeedSchema>;

/** Declining or reopening a need: the version the page showed, and why, if staff say. */
export const NeedMoveSchema = z.object({
  note: optionalText(1000),
  version: versionField,
});
export type NeedMoveInput = z.infer<typeof NeedMoveSchema>;
