"use server";

import { z } from "zod";
import type { FormState } from "@/app/_lib/action-results";
import { publicLink } from "@/app/_lib/origin";
import { recordAction } from "@/app/_lib/record-action";
import { createFeed, revokeFeed } from "@/lib/calendar";

const NO_FIELDS = z.object({});

export async function createFeedAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  return recordAction(undefined, { global: "use:calendarFeed:caseload" }, NO_FIELDS, ({ actor }) => ({
    also: ["/calendar"],
    change: () => createFeed(actor, "caseload"),
    ok: (token) => ({
      ok: "Your calendar address is ready. Copy it now: for your privacy it is shown only once.",
      link: { label: "Calendar address", url: publicLink(`/api/calendar/${token}.ics`) },
    }),
  }));
}

export async function revokeFeedAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  return recordAction(undefined, { global: "use:calendarFeed:caseload" }, NO_FIELDS, ({ actor }) => ({
    also: ["/calendar"],
    change: () => revokeFeed(actor, "caseload"),
    ok: "Your calendar address no longer works.",
  }));
}
