"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import type { FormState } from "@/app/_lib/action-results";
import { idOr404 } from "@/app/_lib/guards";
import { actionAccess, recordAction, recordActions } from "@/app/_lib/record-action";
import {
  AssignSchema,
  assignConversation,
  ConversationVersionSchema,
  closeConversation,
  markThreadRead,
  NewThreadSchema,
  ReplySchema,
  reopenConversation,
  replyToThread,
  startThread,
} from "@/lib/messages";

const PAGE = "/patients/[id]/messages";
const ALSO = ["/messages", "/dashboard"];

export async function startThreadAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:teamNotes" },
    NewThreadSchema,
    ({ actor, id }) => ({
      page: PAGE,
      also: ALSO,
      secret: ["attachment"],
      change: (input) => startThread(actor, id, input),
      ok: "Thread started.",
    }),
  );
}

export async function replyAction(
  threadId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "thread", id: threadId, may: "write:teamNotes" },
    ReplySchema,
    ({ actor, id }) => ({
      page: PAGE,
      also: ALSO,
      secret: ["attachment"],
      change: (input) => replyToThread(actor, id, input),
      ok: "Reply posted.",
    }),
  );
}

const conversationAction = recordActions("thread", "write:teamNotes", PAGE, () => ({
  assign: AssignSchema,
  version: ConversationVersionSchema,
}));

/** Gives a conversation to someone on the patient's care team. */
export async function assignConversationAction(
  threadId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return conversationAction(
    threadId,
    formData,
    (s) => s.assign,
    (actor, id) => ({
      also: ALSO,
      change: (input) => assignConversation(actor, id, input),
      ok: "Conversation assigned.",
    }),
  );
}

export async function closeConversationAction(
  threadId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return conversationAction(
    threadId,
    formData,
    (s) => s.version,
    (actor, id) => ({
      also: ALSO,
      change: (input) => closeConversation(actor, id, input),
      ok: "Conversation closed.",
    }),
  );
}

export async function reopenConversationAction(
  threadId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return conversationAction(
    threadId,
    formData,
    (s) => s.version,
    (actor, id) => ({
      also: ALSO,
      change: (input) => reopenConversation(actor, id, input),
      ok: "Conversation reopened.",
    }),
  );
}

/**
 * Called when a person opens a thread: a POST, never a side effect of rendering. It marks the page
 * they saw, `from` its first message `to` its last (lib/messages/read-marks.ts).
 */
export async function markThreadReadAction(threadId: string, from: string, to: string): Promise<void> {
  const { actor, id } = await actionAccess({ record: "thread", id: threadId, may: "read:teamNotes" });
  const shown = { from: idOr404(from), to: idOr404(to) };
  try {
    await markThreadRead(actor, id, shown);
  } catch {
    notFound();
  }
  revalidatePath(PAGE, "page");
  revalidatePath("/messages");
}
