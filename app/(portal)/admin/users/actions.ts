"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { type FormState, formValues, invalid, refused } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeGlobalAction } from "@/lib/authz/guard";
import {
  AssignCaseloadSchema,
  assignCaseload,
  CreateUserSchema,
  createUser,
  endCaseloadAssignment,
  resetUserPassword,
  SetActiveSchema,
  setUserActive,
  UpdateRoleSchema,
  UserIdSchema,
  updateUserRole,
} from "@/lib/users";

// Ids arrive bound by the page, but a bound argument is still client input: parse it.
function userIdOr404(userId: unknown): string {
  const parsed = UserIdSchema.safeParse(userId);
  if (!parsed.success) notFound();
  return parsed.data;
}

export async function createUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  await orNotFound(authorizeGlobalAction(actor, "manage:users"));
  const values = formValues(formData, ["name", "email", "role", "patientMrn", "relationship"]);
  const parsed = CreateUserSchema.safeParse({ ...values, password: formData.get("password") });
  if (!parsed.success) return invalid(parsed.error, values);
  let id: string;
  try {
    id = await createUser(actor, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath("/admin/users");
  redirect(`/admin/users/${id}?created=1`);
}

export async function updateRoleAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = userIdOr404(userId);
  await orNotFound(authorizeGlobalAction(actor, "manage:users"));
  const values = formValues(formData, ["role", "version"]);
  const parsed = UpdateRoleSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  let outcome: "changed" | "unchanged";
  try {
    outcome = await updateUserRole(actor, id, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  if (outcome === "unchanged") return { message: "That is already their role: nothing changed.", values };
  revalidatePath(`/admin/users/${id}`);
  return { ok: "Role saved. Their open sessions have ended." };
}

export async function setActiveAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = userIdOr404(userId);
  await orNotFound(authorizeGlobalAction(actor, "manage:users"));
  const values = formValues(formData, ["active", "version"]);
  const parsed = SetActiveSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await setUserActive(actor, id, parsed.data.active, parsed.data.version);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(`/admin/users/${id}`);
  return {
    ok: parsed.data.active ? "Account reactivated." : "Account deactivated. Their open sessions have ended.",
  };
}

export async function resetPasswordAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = userIdOr404(userId);
  await orNotFound(authorizeGlobalAction(actor, "manage:users"));
  // The domain checks the permission, then the password against the rules of every password.
  try {
    await resetUserPassword(actor, id, formData.get("password"));
  } catch (error) {
    return refused(error, {});
  }
  return { ok: "Password reset. Give it to them in person or by phone; their sessions have ended." };
}

export async function assignCaseloadAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = userIdOr404(userId);
  await orNotFound(authorizeGlobalAction(actor, "manage:users"));
  const values = formValues(formData, ["patientMrn", "primary"]);
  const parsed = AssignCaseloadSchema.safeParse({ ...values, primary: values.primary || undefined });
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await assignCaseload(actor, id, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(`/admin/users/${id}`);
  return { ok: `${parsed.data.patientMrn} added to the caseload.` };
}

export async function endCaseloadAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = userIdOr404(userId);
  await orNotFound(authorizeGlobalAction(actor, "manage:users"));
  const assignment = z.uuid().safeParse(formData.get("assignmentId"));
  if (!assignment.success) notFound();
  try {
    await endCaseloadAssignment(actor, assignment.data);
  } catch (error) {
    return refused(error, {});
  }
  revalidatePath(`/admin/users/${id}`);
  return { ok: "Removed from the caseload." };
}
