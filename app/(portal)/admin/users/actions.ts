"use server";

import { z } from "zod";
import type { FormState } from "@/app/_lib/action-results";
import { idOr404 } from "@/app/_lib/guards";
import { recordAction } from "@/app/_lib/record-action";
import { resetSecondFactor } from "@/lib/auth/second-factor/enrolment";
import {
  AssignCaseloadSchema,
  assignCaseload,
  CreateUserSchema,
  createUser,
  endCaseloadAssignment,
  resetUserPassword,
  SetActiveSchema,
  setUserActive,
  TransferCaseloadSchema,
  transferCaseload,
  UpdateRoleSchema,
  updateUserRole,
} from "@/lib/users";

/** Managing accounts is the admin's power; a user named by a bound id is parsed (or the 404) first. */
const manage = (userId?: string) =>
  userId === undefined
    ? ({ global: "manage:users" } as const)
    : ({ global: "manage:users", id: userId } as const);

export async function createUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return recordAction(formData, manage(), CreateUserSchema, ({ actor }) => ({
    secret: ["password"],
    also: ["/admin/users"],
    change: (input) => createUser(actor, input),
    redirect: (id) => `/admin/users/${id}?created=1`,
  }));
}

export async function updateRoleAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(formData, manage(userId), UpdateRoleSchema, ({ actor, id }) => ({
    also: [`/admin/users/${id}`],
    change: (input) => updateUserRole(actor, id, input),
    ok: (outcome, _input, values) =>
      outcome === "unchanged"
        ? { message: "That is already their role: nothing changed.", values }
        : "Role saved. Their open sessions have ended.",
  }));
}

export async function setActiveAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(formData, manage(userId), SetActiveSchema, ({ actor, id }) => ({
    also: [`/admin/users/${id}`],
    change: (input) => setUserActive(actor, id, input.active, input.version),
    ok: (_result, input) =>
      input.active ? "Account reactivated." : "Account deactivated. Their open sessions have ended.",
  }));
}

export async function resetPasswordAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  // The domain checks the password, against the rules of every password.
  return recordAction(
    formData,
    manage(userId),
    z.object({ password: z.unknown().optional() }),
    ({ actor, id }) => ({
      secret: ["password"],
      change: (input) => resetUserPassword(actor, id, input.password),
      ok: "Password reset. Give it to them in person or by phone; their sessions have ended.",
    }),
  );
}

export async function assignCaseloadAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(formData, manage(userId), AssignCaseloadSchema, ({ actor, id }) => ({
    also: [`/admin/users/${id}`],
    change: (input) => assignCaseload(actor, id, input),
    ok: (_result, input) => `${input.patientMrn} added to the caseload.`,
  }));
}

export async function endCaseloadAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    manage(userId),
    z.object({ assignmentId: z.unknown().optional() }),
    ({ actor, id }) => ({
      // The assignment is named by the page, not typed: one that is not an id is the 404.
      secret: ["assignmentId"],
      also: [`/admin/users/${id}`],
      change: (input) => endCaseloadAssignment(actor, idOr404(input.assignmentId)),
      ok: "Removed from the caseload.",
    }),
  );
}

export async function transferCaseloadAction(
  fromUserId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(formData, manage(fromUserId), TransferCaseloadSchema, ({ actor, id }) => ({
    // One box per patient, all named patientId: read once the admin may act, as one list.
    given: {
      patientIds: formData
        .getAll("patientId")
        .filter((v) => typeof v === "string")
        .join(" "),
    },
    also: [`/admin/users/${id}`, `/admin/users/${id}/transfer`],
    change: (input) => transferCaseload(actor, id, input),
    ok: (result) => {
      const moved = `${result.moved} ${result.moved === 1 ? "patient" : "patients"} moved to ${result.toName}.`;
      return result.alreadyAssigned.length === 0
        ? moved
        : `${moved} Already in ${result.toName}'s caseload, so only taken out of this one: ${result.alreadyAssigned.join(", ")}.`;
    },
  }));
}

/** Clears a person's second factors (a lost phone) and ends their sessions; the admin steps up first. */
export async function resetSecondFactorAction(
  userId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { global: "reset:secondFactor", id: userId },
    z.object({}),
    ({ actor, id }) => ({
      also: [`/admin/users/${id}`],
      change: () => resetSecondFactor(actor, id),
      // The form goes with the factor it reset: the page says so instead.
      redirect: () => `/admin/users/${id}?secondFactorReset=1`,
    }),
  );
}
