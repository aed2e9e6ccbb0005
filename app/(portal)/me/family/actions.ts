"use server";

import { z } from "zod";
import type { FormState } from "@/app/_lib/action-results";
import { idOr404 } from "@/app/_lib/guards";
import { publicLink } from "@/app/_lib/origin";
import { portalAction } from "@/app/_lib/portal-action";
import {
  changeFamilyScopes,
  grantScopesSchema,
  invitationSchema,
  inviteFamily,
  renewInvitation,
  revokeFamilyAccess,
  withdrawInvitation,
} from "@/lib/family";

const PAGE = "/me/family";
const NO_FIELDS = z.object({});

// Only a patient manages who shares their care: each action is on the caller's own record,
// authorised before anything of the request is read.

export async function inviteFamilyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return portalAction(
    formData,
    { own: "manage:family:portal" },
    (t) => invitationSchema(t),
    ({ actor, id, locale, t }) => ({
      also: [PAGE],
      change: (input) => inviteFamily(actor, id, input, locale, t),
      ok: (token) => ({
        ok: t.family.linkReady,
        link: { label: t.family.linkLabel, url: publicLink(`/invite/${token}`) },
      }),
    }),
  );
}

export async function revokeFamilyAction(grantId: string, _prev: FormState): Promise<FormState> {
  return portalAction(
    undefined,
    { own: "manage:family:portal", bound: () => idOr404(grantId) },
    () => NO_FIELDS,
    ({ actor, id, bound, t }) => ({
      also: [PAGE],
      change: () => revokeFamilyAccess(actor, id, bound),
      ok: t.family.revoked,
    }),
  );
}

export async function withdrawInvitationAction(invitationId: string, _prev: FormState): Promise<FormState> {
  return portalAction(
    undefined,
    { own: "manage:family:portal", bound: () => idOr404(invitationId) },
    () => NO_FIELDS,
    ({ actor, id, bound, t }) => ({
      also: [PAGE],
      change: () => withdrawInvitation(actor, id, bound),
      ok: t.family.withdrawn,
    }),
  );
}

/** Shows an invitation's link again, or renews an expired one: a new link, the old one dead. */
export async function renewInvitationAction(invitationId: string, _prev: FormState): Promise<FormState> {
  return portalAction(
    undefined,
    { own: "manage:family:portal", bound: () => idOr404(invitationId) },
    () => NO_FIELDS,
    ({ actor, id, bound, t }) => ({
      also: [PAGE],
      change: () => renewInvitation(actor, id, bound, t),
      ok: (token) => ({
        ok: t.family.renewed,
        link: { label: t.family.linkLabel, url: publicLink(`/invite/${token}`) },
      }),
    }),
  );
}

export async function changeFamilyScopesAction(
  grantId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return portalAction(
    formData,
    { own: "manage:family:portal", bound: () => idOr404(grantId) },
    (t) => grantScopesSchema(t),
    ({ actor, id, bound, t }) => ({
      also: [PAGE],
      change: (input) => changeFamilyScopes(actor, id, bound, input),
      ok: t.family.scopesSaved,
    }),
  );
}
