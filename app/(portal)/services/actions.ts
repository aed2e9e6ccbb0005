"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import {
  createService,
  ServiceActiveSchema,
  ServiceSchema,
  ServiceUpdateSchema,
  setServiceActive,
  updateService,
} from "@/lib/services";

const PAGE = "/services";

export async function addServiceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return recordAction(formData, { global: "manage:services" }, ServiceSchema, ({ actor }) => ({
    page: PAGE,
    change: (input) => createService(actor, input),
    ok: "Added to the directory.",
  }));
}

export async function updateServiceAction(
  serviceId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { global: "manage:services", id: serviceId },
    ServiceUpdateSchema,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => updateService(actor, id, input),
      ok: "Saved.",
    }),
  );
}

/** Retires a service (no new referral goes to it) or brings it back, as `active` says. */
async function setActive(serviceId: string, formData: FormData, active: boolean): Promise<FormState> {
  return recordAction(
    formData,
    { global: "manage:services", id: serviceId },
    ServiceActiveSchema,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => setServiceActive(actor, id, input, active),
      ok: active ? "Back in the directory." : "Retired. Its referrals stay as they are.",
    }),
  );
}

export async function retireServiceAction(
  serviceId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return setActive(serviceId, formData, false);
}

export async function reactivateServiceAction(
  serviceId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return setActive(serviceId, formData, true);
}
