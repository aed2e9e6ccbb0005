import "server-only";
import { db } from "@/db/client";
import type { AuditAction } from "@/lib/audit/actions";
import type { AuditDetails } from "@/lib/audit/record";
import { type Actor, authorizeGlobal, type GlobalPermission } from "@/lib/authz";
import type { ReadAudit } from "./patient-read";
import { recordReadAudits } from "./read-audit";
import { nothing, type Part, readTogether } from "./read-together";

/**
 * One panel of a page that shows several worklists across the caseload (the dashboard): the power
 * that lets a role see it, its read as a part of the page's one statement, and its audit event.
 */
export interface Panel<T> {
  /** Null only for a panel this reader is not shown, which reads nothing (`notShown`). */
  permission: GlobalPermission | null;
  part: Part<T>;
  /** The panel's audit event, or null for counts that name no patient. */
  audit(value: T): ReadAudit | null;
}

/** What a set of panels reads as: each panel's value under its name. */
export type PanelsRead<P> = { [K in keyof P]: P[K] extends Panel<infer T> ? T : never };

/** The event of a worklist read: how many patients it showed, and which (as readWorklist writes it). */
export function worklistEvent(action: AuditAction, patientIds: string[], details: AuditDetails = {}) {
  const ids = [...new Set(patientIds)];
  return { action, details: { ...details, shown: ids.length, patients: ids } } satisfies ReadAudit;
}

/** A worklist panel: audited with `worklistEvent`, naming the patients it shows. */
export function worklistPanel<T>(
  permission: GlobalPermission,
  action: AuditAction,
  part: Part<T>,
  patientsShown: (value: T) => string[],
  details: (value: T) => AuditDetails = () => ({}),
): Panel<T> {
  return { permission, part, audit: (value) => worklistEvent(action, patientsShown(value), details(value)) };
}

/** A panel of counts: it names no patient, so it writes no audit event (the worklist behind it does). */
export function countsPanel<T>(permission: GlobalPermission, part: Part<T>): Panel<T> {
  return { permission, part, audit: () => null };
}

/** A panel this reader's role does not work: not read, not audited, shown as `value`. */
export function notShown<T>(value: T): Panel<T> {
  return { permission: null, part: nothing(value), audit: () => null };
}

/**
 * Reads a page's panels (issue 19): every panel's power first (a refusal is a 404 and an audited
 * `access.denied`, before anything is read), then all their parts in one statement, then all
 * their audit events in one insert (or the page's batch, `auditReadsTogether`).
 */
export async function readPanels<P extends Record<string, Panel<unknown>>>(
  actor: Actor,
  panels: P,
): Promise<PanelsRead<P>> {
  const entries = Object.entries(panels);
  for (const [, panel] of entries) if (panel.permission) await authorizeGlobal(actor, panel.permission);
  const values = await readTogether(db(), Object.fromEntries(entries.map(([name, p]) => [name, p.part])));
  const events = entries.flatMap(([name, panel]) => panel.audit(values[name]) ?? []);
  await recordReadAudits(actor, events);
  return values as PanelsRead<P>;
}

/** One panel read on its own (its worklist's own function): the same power, statement and event. */
export async function readPanel<T>(actor: Actor, panel: Panel<T>): Promise<T> {
  return (await readPanels(actor, { panel })).panel;
}
