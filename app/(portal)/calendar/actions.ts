"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { type FormState, refused } from "@/app/_lib/action-results";
import { requireActor } from "@/lib/auth/current-user";
import { createFeed, revokeFeed } from "@/lib/calendar";

async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

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
    values: { feedUrl: `${await origin()}/api/calendar/${token}.ics` },
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
