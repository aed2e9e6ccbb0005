"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import { declineNeed, NeedMoveSchema, NoteNeedSchema, noteNeed, reopenNeed } from "@/lib/needs";
import { referNeed, referralSchemas, transitionReferral } from "@/lib/referrals";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/needs";
/** "My work" lists the referrals due: a move can take one off it. */
const ALSO = ["/my-work"];

/** Notes a need staff heard in conversation. */
export async function noteNeedAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:needs" },
    NoteNeedSchema,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => noteNeed(actor, id, input),
      ok: "Noted. Refer it to a service from its card.",
    }),
  );
}

export async function declineNeedAction(
  needId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "need", id: needId, may: "write:needs" },
    NeedMoveSchema,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => declineNeed(actor, id, input),
      ok: "Marked as declined. It stays on the record.",
    }),
  );
}

export async function reopenNeedAction(
  needId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "need", id: needId, may: "write:needs" },
    NeedMoveSchema,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => reopenNeed(actor, id, input),
      ok: "Open again.",
    }),
  );
}

/** Refers a need to a service of the directory. */
export async function referNeedAction(
  needId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "need", id: needId, may: "write:referral" },
    () => referralSchemas(zonedDate()).refer,
    ({ actor, id }) => ({
      page: PAGE,
      also: ALSO,
      change: (input) => referNeed(actor, id, input),
      ok: "Referral sent. It comes onto the caseload advocates' work lists when its answer is due.",
    }),
  );
}

/** Records what the service did with a referral: the move is bound by the button. */
export async function moveReferralAction(
  referralId: string,
  to: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "referral", id: referralId, may: "write:referral" },
    () => referralSchemas(zonedDate()).move,
    ({ actor, id }) => ({
      page: PAGE,
      also: ALSO,
      given: { to },
      change: (input) => transitionReferral(actor, id, input),
      ok: "Saved. The move is in the referral's history.",
    }),
  );
}
