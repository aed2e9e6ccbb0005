"use server";

import { revalidatePath } from "next/cache";
import { type FormState, refused } from "@/app/_lib/action-results";
import { requestOrigin } from "@/app/_lib/origin";
import { requireActor } from "@/lib/auth/current-user";
import { createFeed, revokeFeed } from "@/lib/calendar";

export async function createFeedAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  let token: string;
  try {
    token = await createFeed(actor);
  } catch (error) {
    return refused(error, {});
  }
  revalidatePath("/calendar");
  return {
    ok: "Your calendar address is ready. Copy it now: for your privacy it is shown only once.",
    link: { label: "Calendar address", url: `${await requestOrigin()}/api/calendar/${token}.ics` },
  };
}

export async function revokeFeedAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  try {
    await revokeFeed(actor);
  } catch (error) {
    return refused(error, {});
  }
  revalidatePath("/calendar");
  return { ok: "Your calendar address no longer works." };
}
