"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { type FormState, formValues, invalid, refused } from "@/app/_lib/action-results";
import { requestOrigin } from "@/app/_lib/origin";
import { requireActor } from "@/lib/auth/current-user";
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

/** The patient whose family page this is: only a patient manages who shares their care. */
async function self() {
  const actor = await requireActor();
  if (actor.role !== "patient" || !actor.patientId) notFound();
  return { actor, patientId: actor.patientId, ...(await portalMessages(actor)) };
}

export async function inviteFamilyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { actor, patientId, locale, t } = await self();
  const values = formValues(formData, ["email", "relationship", "canViewTimeline", "canRaiseConcerns"]);
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
    link: { label: t.family.linkLabel, url: `${await requestOrigin()}/invite/${token}` },
  };
}

export async function revokeFamilyAction(grantId: string, _prev: FormState): Promise<FormState> {
  const { actor, patientId, t } = await self();
  const id = GrantIdSchema.safeParse(grantId);
  if (!id.success) notFound();
  try {
    await revokeFamilyAccess(actor, patientId, id.data);
  } catch (error) {
    return refused(error, {});
  }
  revalidatePath(PAGE);
  return { ok: t.family.revoked };
}

export async function withdrawInvitationAction(invitationId: string, _prev: FormState): Promise<FormState> {
  const { actor, patientId, t } = await self();
  const id = InvitationIdSchema.safeParse(invitationId);
  if (!id.success) notFound();
  try {
    await withdrawInvitation(actor, patientId, id.data);
  } catch (error) {
    return refused(error, {});
  }
  revalidatePath(PAGE);
  return { ok: t.family.withdrawn };
}
