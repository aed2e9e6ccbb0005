"use server";

import { z } from "zod";
import type { FormState } from "@/app/_lib/action-results";
import { publicLink } from "@/app/_lib/origin";
import { portalAction } from "@/app/_lib/portal-action";
import { createFeed, revokeFeed } from "@/lib/calendar";

const NO_FIELDS = z.object({});

/** The patient's own calendar address, made in the portal and said in their language. */
export async function createPortalFeedAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  return portalAction(
    undefined,
    { global: "use:calendarFeed:portal" },
    () => NO_FIELDS,
    ({ actor, t }) => ({
      also: ["/me/calendar"],
      change: () => createFeed(actor, "portal"),
      ok: (token) => ({
        ok: t.calendarFeed.ready,
        link: { label: t.calendarFeed.address, url: publicLink(`/api/calendar/${token}.ics`) },
      }),
    }),
  );
}

export async function revokePortalFeedAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  return portalAction(
    undefined,
    { global: "use:calendarFeed:portal" },
    () => NO_FIELDS,
    ({ actor, t }) => ({
      also: ["/me/calendar"],
      change: () => revokeFeed(actor, "portal"),
      ok: t.calendarFeed.off,
    }),
  );
}
