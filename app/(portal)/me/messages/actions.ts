"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import type { FormState } from "@/app/_lib/action-results";
import { idOr404 } from "@/app/_lib/guards";
import { portalAction } from "@/app/_lib/portal-action";
import { actionAccess } from "@/app/_lib/record-action";
import {
  conversationSchemas,
  markConversationRead,
  replyInConversation,
  startConversation,
} from "@/lib/messages";

const LIST = "/me/messages";
const THREAD = "/me/messages/[threadId]";

/** Where a conversation is read: a patient's own, or for family the patient they chose kept in the address. */
const threadPath = (patientId: string, own: boolean, threadId: string, extra = "") =>
  own
    ? `/me/messages/${threadId}${extra ? `?${extra}` : ""}`
    : `/me/messages/${threadId}?patient=${patientId}${extra ? `&${extra}` : ""}`;

/** The patient, or family with the messages scope, start a conversation (with a file, if they attach one). */
export async function startConversationAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return portalAction(
    formData,
    { patient: patientId, may: "write:message:portal" },
    (t) => conversationSchemas(t).start,
    ({ actor, id, t, locale }) => ({
      page: LIST,
      secret: ["attachment"],
      change: (input) => startConversation(actor, id, input, locale, t.conversations.errors),
      redirect: (threadId) => threadPath(id, actor.patientId === id, threadId, "sent=1"),
    }),
  );
}

export async function replyConversationAction(
  patientId: string,
  threadId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return portalAction(
    formData,
    { patient: patientId, may: "write:message:portal", bound: () => idOr404(threadId) },
    (t) => conversationSchemas(t).reply,
    ({ actor, id, bound, t, locale }) => ({
      page: THREAD,
      also: [LIST],
      secret: ["attachment"],
      change: (input) => replyInConversation(actor, id, bound, input, locale, t.conversations.errors),
      ok: t.conversations.replySent,
    }),
  );
}

/**
 * Called when the patient's side opens a conversation, for the page they saw (`from` its first
 * message `to` its last): the care team's read receipt.
 */
export async function markConversationReadAction(
  patientId: string,
  threadId: string,
  from: string,
  to: string,
): Promise<void> {
  const { actor, id, bound } = await actionAccess({
    patient: patientId,
    may: "read:sharedMessages:portal",
    bound: () => ({ threadId: idOr404(threadId), shown: { from: idOr404(from), to: idOr404(to) } }),
  });
  try {
    await markConversationRead(actor, id, bound.threadId, bound.shown);
  } catch {
    notFound();
  }
  revalidatePath(THREAD, "page");
  revalidatePath(LIST, "page");
}
