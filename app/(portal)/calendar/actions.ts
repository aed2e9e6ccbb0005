"use server";

import { revalidatePath } from "next/cache";
import { type FormState, refused } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { publicLink } from "@/app/_lib/origin";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeGlobalAction } from "@/lib/authz/guard";
import { createFeed, revokeFeed } from "@/lib/calendar";

export async function createFeedAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  await orNotFound(authorizeGlobalAction(actor, "use:calendarFeed:caseload"));
  let token: string;
  try {
    token = await createFeed(actor, "caseload");
  } catch (error) {
    return refused(error, {});
  }
  revalidatePath("/calendar");
  return {
    ok: "Your calendar address is ready. Copy it now: for your privacy it is shown only once.",
    link: { label: "Calendar address", url: publicLink(`/api/calendar/${token}.ics`) },
  };
}

export async function revokeFeedAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  await orNotFound(authorizeGlobalAction(actor, "use:calendarFeed:caseload"));
  try {
    await revokeFeed(actor, "caseload");
  } catch (error) {
    return refused(error, {});
  }
  revalidatePath("/calendar");
  return { ok: "Your calendar address no longer works." };
}
