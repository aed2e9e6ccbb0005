"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { type FormState, formValues, invalid, refused } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeGlobalAction } from "@/lib/authz/guard";
import { ReviewSchema, reviewEmergencyGrant } from "@/lib/emergency-access";

export async function reviewEmergencyAccessAction(
  grantId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = z.uuid().safeParse(grantId);
  if (!id.success) notFound();
  await orNotFound(authorizeGlobalAction(actor, "review:emergencyAccess"));
  const values = formValues(formData, ["note"]);
  const parsed = ReviewSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await reviewEmergencyGrant(actor, id.data, parsed.data.note);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath("/admin/emergency-access");
  return { ok: "Review recorded." };
}
