import "server-only";
import type { Database } from "@/db/client";
import { type Actor, allowsGlobal, type GlobalPermission } from "@/lib/authz";
import { readWorklist } from "@/lib/records/patient-read";
import { zonedDate } from "@/lib/time";
import { concernWork, followUpWork, referralFollowUpWork, rightsRequestWork } from "./advocate-work";
import { changeRequestWork, conversationWork, flaggedDecisionWork, interventionWork } from "./care-team-work";
import { byDue, type WorkItem, type WorkKind } from "./items";

export interface MyWork {
  items: WorkItem[];
  /** The kinds this person works, as the policy says: the page names them in its empty state. */
  kinds: WorkKind[];
}

interface Source {
  kind: WorkKind;
  /** The power that puts this kind of work on a person's list. */
  permission: GlobalPermission;
  read: (database: Database, actor: Actor, clock: { now: Date; today: string }) => Promise<WorkItem[]>;
}

const SOURCES: Source[] = [
  { kind: "conversation", permission: "read:teamInbox", read: (d, a, c) => conversationWork(d, a, c.now) },
  {
    kind: "change-request",
    permission: "handle:appointmentChangeRequests",
    read: (d, a, c) => changeRequestWork(d, a, c.now),
  },
  { kind: "intervention", permission: "list:caseload", read: (d, a, c) => interventionWork(d, a, c.today) },
  { kind: "decision", permission: "work:flaggedDecisions", read: (d, a) => flaggedDecisionWork(d, a) },
  { kind: "concern", permission: "work:concerns", read: (d, a, c) => concernWork(d, a, c.now) },
  {
    kind: "rights-request",
    permission: "work:rightsRequests",
    read: (d, a, c) => rightsRequestWork(d, a, c.today),
  },
  {
    kind: "follow-up",
    permission: "work:advocacyFollowUps",
    // Promised follow-ups from the advocacy log, and the caseload's referrals that are due, whoever sent them.
    read: async (d, a, c) => [...(await followUpWork(d, a)), ...(await referralFollowUpWork(d, a, c.today))],
  },
];

/**
 * Everything waiting on the signed-in staff member across their caseload, soonest due first.
 * Each kind comes only to a role that works it; one "work.list" event names the patients shown.
 */
export async function listMyWork(actor: Actor): Promise<MyWork> {
  return readWorklist(
    actor,
    "read:myWork",
    "work.list",
    async (database) => {
      const sources = SOURCES.filter((s) => allowsGlobal(actor.role, s.permission));
      const clock = { now: new Date(), today: zonedDate() };
      const lists = await Promise.all(sources.map((s) => s.read(database, actor, clock)));
      return { items: lists.flat().sort(byDue), kinds: sources.map((s) => s.kind) };
    },
    (work) => work.items.map((item) => item.patientId),
    (work) => ({ items: work.items.length }),
  );
}

/**
 * The same work for the daily digest, read for a staff member by the queue, not by them: no
 * audit event, because the digest shows no record, only how many items wait (the notification
 * row records that it was sent). Reads no policy beyond the role's kinds.
 */
export async function unsafeWorkFor(database: Database, actor: Actor, clock: { now: Date; today: string }) {
  const sources = SOURCES.filter((s) => allowsGlobal(actor.role, s.permission));
  return (await Promise.all(sources.map((s) => s.read(database, actor, clock)))).flat();
}
