"use server";

import { notFound } from "next/navigation";
import type { FormState } from "@/app/_lib/action-results";
import { portalAction } from "@/app/_lib/portal-action";
import { raiseConcernInPortal } from "@/lib/concerns";
import { parseCorrectionSubject, portalSchemas } from "@/lib/portal/forms";
import { fileRightsRequestInPortal } from "@/lib/rights-requests";
import { zonedDate } from "@/lib/time";

export async function raiseConcernAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return portalAction(
    formData,
    { patient: patientId, may: "raise:concern:portal" },
    (t) => portalSchemas(t, zonedDate()).concern,
    ({ actor, id }) => ({
      page: "/me",
      change: (input) => raiseConcernInPortal(actor, id, input),
      // A patient account is its own record; family keep the patient they chose in the address.
      redirect: (concernId) =>
        actor.patientId === id
          ? `/me/concerns/${concernId}?sent=1`
          : `/me/concerns/${concernId}?patient=${id}&sent=1`,
    }),
  );
}

export async function fileRightsAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return portalAction(
    formData,
    { patient: patientId, may: "file:rightsRequest:portal" },
    (t) => portalSchemas(t, zonedDate()).rights,
    ({ actor, id, t }) => ({
      page: "/me/rights",
      change: (input) => fileRightsRequestInPortal(actor, id, input, t.errors.item),
      ok: t.rights.sent,
    }),
  );
}

/**
 * "This is wrong" beside a timeline item: an amendment request naming the item, filed by the
 * patient (family never may), answered in place with a link to the request.
 */
export async function fileCorrectionAction(
  patientId: string,
  subject: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return portalAction(
    formData,
    {
      patient: patientId,
      may: "file:rightsRequest:portal",
      bound: () => parseCorrectionSubject(subject) ?? notFound(),
    },
    (t) => portalSchemas(t, zonedDate()).correction,
    ({ actor, id, t, bound }) => ({
      page: "/me",
      also: ["/me/rights"],
      change: ({ details }) =>
        fileRightsRequestInPortal(
          actor,
          id,
          { type: "amendment", details, requestedForm: null, healthPlanSelfPay: false, subject: bound },
          t.errors.item,
        ),
      ok: (requestId) => ({
        ok: t.rights.correctionSent,
        link: { label: t.rights.correctionView, url: `/me/rights#request-${requestId}` },
      }),
    }),
  );
}
