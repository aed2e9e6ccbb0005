"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { type FormState, formValues, invalid, refused } from "@/app/_lib/action-results";
import { ownRecordOr404 } from "@/app/_lib/guards";
import { publicLink } from "@/app/_lib/origin";
import { requireActor } from "@/lib/auth/current-user";
import type { Actor } from "@/lib/authz/actor";
import {
  GrantIdSchema,
  InvitationIdSchema,
  invitationSchema,
  inviteFamily,
  revokeFamilyAccess,
  withdrawInvitation,
} from "@/lib/family";
import { portalMessages } from "@/lib/i18n/server";

const PAGE = "/me/family";

/**
 * The patient whose family page this is, authorised before anything of the request is read: only
 * a patient manages who shares their care.
 */
async function self(actor: Actor) {
  const patientId = await ownRecordOr404(actor, "manage:family:portal");
  return { patientId, ...(await portalMessages(actor)) };
}

export async function inviteFamilyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const { patientId, locale, t } = await self(actor);
  const values = formValues(formData, [
    "email",
    "relationship",
    "canViewTimeline",
    "canRaiseConcerns",
    "canViewRequests",
  ]);
  const parsed = invitationSchema(t).safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values, t.errors.checkFields);
  let token: string;
  try {
    token = await inviteFamily(actor, patientId, parsed.data, locale, t);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE);
  return {
    ok: t.family.linkReady,
    link: { label: t.family.linkLabel, url: publicLink(`/invite/${token}`) },
  };
}

export async function revokeFamilyAction(grantId: string, _prev: FormState): Promise<FormState> {
  const actor = await requireActor();
  const id = GrantIdSchema.safeParse(grantId);
  if (!id.success) notFound();
  const { patientId, t } = await self(actor);
  try {
    await revokeFamilyAccess(actor, patientId, id.data);
  } catch (error) {
    return refused(error, {});
  }
  revalidatePath(PAGE);
  return { ok: t.family.revoked };
}

export async function withdrawInvitationAction(invitationId: string, _prev: FormState): Promise<FormState> {
  const actor = await requireActor();
  const id = InvitationIdSchema.safeParse(invitationId);
  if (!id.success) notFound();
  const { patientId, t } = await self(actor);
  try {
    await withdrawInvitation(actor, patientId, id.data);
  } catch (error) {
    return refused(error, {});
  }
  revalidatePath(PAGE);
  return { ok: t.family.withdrawn };
}
