"use server";

import { revalidatePath } from "next/cache";
import { type FormState, refused } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { publicLink } from "@/app/_lib/origin";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeGlobalAction } from "@/lib/authz/guard";
import { createFeed, revokeFeed } from "@/lib/calendar";
import { portalMessages } from "@/lib/i18n/server";

/** The patient's own calendar address, made in the portal and said in their language. */
export async function createPortalFeedAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  await orNotFound(authorizeGlobalAction(actor, "use:calendarFeed:portal"));
  let token: string;
  try {
    token = await createFeed(actor, "portal");
  } catch (error) {
    return refused(error, {});
  }
  const { t } = await portalMessages(actor);
  revalidatePath("/me/calendar");
  return {
    ok: t.calendarFeed.ready,
    link: { label: t.calendarFeed.address, url: publicLink(`/api/calendar/${token}.ics`) },
  };
}

export async function revokePortalFeedAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  await orNotFound(authorizeGlobalAction(actor, "use:calendarFeed:portal"));
  try {
    await revokeFeed(actor, "portal");
  } catch (error) {
    return refused(error, {});
  }
  const { t } = await portalMessages(actor);
  revalidatePath("/me/calendar");
  return { ok: t.calendarFeed.off };
}
