import "server-only";
import type { Database } from "@/db/client";
import { type Actor, allowsGlobal, type GlobalPermission } from "@/lib/authz";
import { readWorklist } from "@/lib/records/patient-read";
import { type Part, readTogether } from "@/lib/records/read-together";
import { zonedDate } from "@/lib/time";
import { concernWork, followUpWork, referralFollowUpWork, rightsRequestWork } from "./advocate-work";
import { changeRequestWork, conversationWork, flaggedDecisionWork, interventionWork } from "./care-team-work";
import { byDue, type WorkItem, type WorkKind } from "./items";

export interface MyWork {
  items: WorkItem[];
  /** The kinds this person works, as the policy says: the page names them in its empty state. */
  kinds: WorkKind[];
}

interface Clock {
  now: Date;
  today: string;
}

/** Work read as a part of the list's one statement, or (another module's reader) on its own. */
type Work = Part<WorkItem[]> | ((database: Database) => Promise<WorkItem[]>);

interface Source {
  kind: WorkKind;
  /** The power that puts this kind of work on a person's list. */
  permission: GlobalPermission;
  work: (actor: Actor, clock: Clock) => Work[];
}

const SOURCES: Source[] = [
  { kind: "conversation", permission: "read:teamInbox", work: (a, c) => [conversationWork(a, c.now)] },
  {
    kind: "change-request",
    permission: "handle:appointmentChangeRequests",
    work: (a, c) => [changeRequestWork(a, c.now)],
  },
  { kind: "intervention", permission: "list:caseload", work: (a, c) => [interventionWork(a, c.today)] },
  { kind: "decision", permission: "work:flaggedDecisions", work: (a) => [(d) => flaggedDecisionWork(d, a)] },
  { kind: "concern", permission: "work:concerns", work: (a, c) => [concernWork(a, c.now)] },
  {
    kind: "rights-request",
    permission: "work:rightsRequests",
    work: (a, c) => [rightsRequestWork(a, c.today)],
  },
  {
    kind: "follow-up",
    permission: "work:advocacyFollowUps",
    // Promised follow-ups from the advocacy log, and the caseload's referrals that are due, whoever sent them.
    work: (a, c) => [(d) => followUpWork(d, a), referralFollowUpWork(a, c.today)],
  },
];

/**
 * The work of the kinds the role works: the parts in one statement (issue 19), beside the
 * readers of other modules that run on their own.
 */
async function readWork(database: Database, actor: Actor, clock: Clock) {
  const sources = SOURCES.filter((s) => allowsGlobal(actor.role, s.permission));
  const work = sources.flatMap((s) => s.work(actor, clock));
  const parts = work.filter((w): w is Part<WorkItem[]> => typeof w !== "function");
  const reads = work.filter((w): w is (database: Database) => Promise<WorkItem[]> => typeof w === "function");
  const [together, ...lists] = await Promise.all([
    readTogether(database, Object.fromEntries(parts.map((part, i) => [`w${i}`, part]))),
    ...reads.map((read) => read(database)),
  ]);
  return { items: [...Object.values(together).flat(), ...lists.flat()], kinds: sources.map((s) => s.kind) };
}

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
      const { items, kinds } = await readWork(database, actor, { now: new Date(), today: zonedDate() });
      return { items: items.sort(byDue), kinds };
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
export async function unsafeWorkFor(database: Database, actor: Actor, clock: Clock) {
  return (await readWork(database, actor, clock)).items;
}
