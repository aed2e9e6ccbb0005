import { z } from "zod";
import type { WrittenLanguage } from "@/db/schema/languages";
import { CONVERSATION_TOPICS } from "@/db/schema/messages";
import type { Messages } from "@/lib/i18n/messages";
import { checkbox, IdSchema, requiredText, versionField } from "@/lib/validation";
import {
  type EnglishOptional,
  englishBesideField,
  englishOnlyBesideSpanish,
  writtenLanguageField,
} from "@/lib/written-language";

/** A message's body: 1 to 5,000 characters, as the database keeps it. */
const body = (empty = "Write your message.", tooLong?: (max: number) => string) =>
  requiredText(1, 5000, empty, tooLong ?? (() => "Keep a message under 5,000 characters."));
const shared = checkbox;
/** The language staff wrote in; when the form does not say, the patient's preferred one. */
const language = writtenLanguageField;
/**
 * The file picked, read as sent (a form field the action passes through untouched): checked by its
 * bytes in lib/messages/attachments.ts, where a refusal names the field in the person's language.
 */
const attachment = z.unknown().optional();

/** The same message in English, beside one written in Spanish (staff only). */
const bodyEnglish = englishBesideField(5000);
const besideSpanish = englishOnlyBesideSpanish<{ language?: WrittenLanguage; bodyEnglish: string | null }>([
  "bodyEnglish",
]);

export const NewThreadSchema = z
  .object({
    subject: requiredText(3, 120, "Give the thread a subject."),
    body: body(),
    bodyEnglish,
    shared,
    language,
    attachment,
  })
  .superRefine(besideSpanish);
export const ReplySchema = z
  .object({ body: body(), bodyEnglish, shared, language, attachment })
  .superRefine(besideSpanish);
export const ThreadIdSchema = IdSchema;
/** Which page of a conversation: the messages before the one `before` names, else the newest. */
export const MessagePageSchema = z.object({
  before: IdSchema.optional().catch(undefined),
  /** Staff: the thread the address opens. */
  thread: IdSchema.optional().catch(undefined),
});
/** Which page of the team's inbox. */
export const InboxQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1).catch(1),
});
export const AttachmentIdSchema = IdSchema;

/** Staff: give a conversation to someone on the patient's care team. */
export const AssignSchema = z.object({
  assignee: z.uuid({ error: "Choose someone on the patient's care team." }),
  version: versionField,
});
/** Staff: close or reopen a conversation, at the version seen. */
export const ConversationVersionSchema = z.object({ version: versionField });

/** The portal's forms, in the person's language. */
export function conversationSchemas(t: Messages) {
  const w = t.conversations.errors;
  const portalBody = body(w.body, t.errors.tooLong);
  return {
    start: z.object({
      topic: z.enum(CONVERSATION_TOPICS, { error: w.topic }),
      subject: requiredText(3, 120, w.subject, t.errors.tooLong),
      body: portalBody,
      attachment,
    }),
    reply: z.object({ body: portalBody, attachment }),
  };
}

export type NewThreadInput = EnglishOptional<z.infer<typeof NewThreadSchema>, "bodyEnglish">;
export type ReplyInput = EnglishOptional<z.infer<typeof ReplySchema>, "bodyEnglish">;
export type PortalStartInput = z.infer<ReturnType<typeof conversationSchemas>["start"]>;
export type PortalReplyInput = z.infer<ReturnType<typeof conversationSchemas>["reply"]>;
