"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { type FormState, formValues, invalid, refused } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import {
  markThreadRead,
  NewThreadSchema,
  ReplySchema,
  replyToThread,
  startThread,
  ThreadIdSchema,
} from "@/lib/messages";
import { PatientIdSchema } from "@/lib/patients/schemas";

const PAGE = "/patients/[id]/messages";

export async function startThreadAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = PatientIdSchema.safeParse(patientId);
  if (!id.success) notFound();
  await orNotFound(authorizeAction(actor, "write:teamNotes", { patientId: id.data }));
  const values = formValues(formData, ["subject", "body", "shared"]);
  const parsed = NewThreadSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await startThread(actor, id.data, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  revalidatePath("/messages");
  return { ok: "Thread started." };
}

export async function replyAction(
  threadId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = ThreadIdSchema.safeParse(threadId);
  if (!id.success) notFound();
  await orNotFound(authorizeAction(actor, "write:teamNotes", { record: "thread", id: id.data }));
  const values = formValues(formData, ["body", "shared"]);
  const parsed = ReplySchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await replyToThread(actor, id.data, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  revalidatePath("/messages");
  return { ok: "Reply posted." };
}

/** Called when a person opens a thread: a POST, never a side effect of rendering. */
export async function markThreadReadAction(threadId: string): Promise<void> {
  const actor = await requireActor();
  const id = ThreadIdSchema.safeParse(threadId);
  if (!id.success) notFound();
  await orNotFound(authorizeAction(actor, "read:teamNotes", { record: "thread", id: id.data }));
  try {
    await markThreadRead(actor, id.data);
  } catch {
    notFound();
  }
  revalidatePath(PAGE, "page");
  revalidatePath("/messages");
}
