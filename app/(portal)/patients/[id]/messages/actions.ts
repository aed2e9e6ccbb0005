"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import type { FormState } from "@/app/_lib/action-results";
import { actionAccess, recordAction } from "@/app/_lib/record-action";
import { markThreadRead, NewThreadSchema, ReplySchema, replyToThread, startThread } from "@/lib/messages";

const PAGE = "/patients/[id]/messages";

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
      also: ["/messages"],
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
      also: ["/messages"],
      change: (input) => replyToThread(actor, id, input),
      ok: "Reply posted.",
    }),
  );
}

/** Called when a person opens a thread: a POST, never a side effect of rendering. */
export async function markThreadReadAction(threadId: string): Promise<void> {
  const { actor, id } = await actionAccess({ record: "thread", id: threadId, may: "read:teamNotes" });
  try {
    await markThreadRead(actor, id);
  } catch {
    notFound();
  }
  revalidatePath(PAGE, "page");
  revalidatePath("/messages");
}
