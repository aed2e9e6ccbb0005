"use server";

import type { FormState } from "@/app/_lib/action-results";
import { idOr404 } from "@/app/_lib/guards";
import { type ActionAccess, recordAction } from "@/app/_lib/record-action";
import {
  AgentEditSchema,
  AgentSchema,
  ArchiveAgentSchema,
  ArchiveDirectiveSchema,
  addAgent,
  archiveAgent,
  archiveDirective,
  CareWishesSchema,
  directiveSchema,
  editAgent,
  recordDirective,
  saveCareWishes,
} from "@/lib/directives";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/directives";

/** Staff who may write her directives, on the patient bound by the page (and the row it names). */
const onPatient = (patientId: string): ActionAccess => ({ patient: patientId, may: "write:directives" });
const onRow = (patientId: string, rowId: string): ActionAccess<string> => ({
  patient: patientId,
  may: "write:directives",
  bound: () => idOr404(rowId),
});

export async function addAgentAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(formData, onPatient(patientId), AgentSchema, ({ actor, id }) => ({
    page: PAGE,
    change: (input) => addAgent(actor, id, input),
    ok: "Saved. Staff see who decides at the top of her record.",
  }));
}

export async function editAgentAction(
  patientId: string,
  agentId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(formData, onRow(patientId, agentId), AgentEditSchema, ({ actor, id, bound }) => ({
    page: PAGE,
    change: (input) => editAgent(actor, id, bound, input),
    ok: "Saved.",
  }));
}

export async function archiveAgentAction(
  patientId: string,
  agentId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(formData, onRow(patientId, agentId), ArchiveAgentSchema, ({ actor, id, bound }) => ({
    page: PAGE,
    change: (input) => archiveAgent(actor, id, bound, input.version),
    ok: "Archived. The record is kept.",
  }));
}

export async function recordDirectiveAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    onPatient(patientId),
    () => directiveSchema(zonedDate()),
    ({ actor, id }) => ({
      page: PAGE,
      secret: ["file"],
      change: (input) => recordDirective(actor, id, input),
      ok: "Recorded.",
    }),
  );
}

export async function archiveDirectiveAction(
  patientId: string,
  directiveId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    onRow(patientId, directiveId),
    ArchiveDirectiveSchema,
    ({ actor, id, bound }) => ({
      page: PAGE,
      change: () => archiveDirective(actor, id, bound),
      ok: "Archived. The document and its scan are kept.",
    }),
  );
}

export async function saveCareWishesAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(formData, onPatient(patientId), CareWishesSchema, ({ actor, id }) => ({
    page: PAGE,
    change: (input) => saveCareWishes(actor, id, input),
    ok: "Saved as a new version.",
  }));
}
