/**
 * A year of finished work behind the equity report, so it has something to show: patients past the
 * first hundred have closed concerns and answered rights requests, from the same stories.
 */
import { randomUUID } from "node:crypto";
import { concernDueDates, rightsDueOn } from "@/lib/clocks";
import type { Transaction } from "../client";
import { concerns, concernTransitions, rightsRequests } from "../schema";
import { CONCERN_STORIES } from "./concerns";
import { RIGHTS_STORIES } from "./rights-requests";
import { DAY_MS, insertChunked, isoDay, plusDays } from "./support";

/**
 * A year of finished work for the equity report: closed concerns and answered rights requests for
 * the second hundred patients, resolved in a believable spread of days, a few answered late.
 */
export async function seedHistory(
  tx: Transaction,
  patientsList: { id: string }[],
  advocates: { id: string; name: string }[],
) {
  const now = Date.now();
  const history = patientsList.slice(100);
  // A seed of 100 patients or fewer (the tests' own) has no history year.
  if (history.length === 0) return;
  const concernRows: (typeof concerns.$inferInsert)[] = [];
  const moves: (typeof concernTransitions.$inferInsert)[] = [];
  history.forEach((p, i) => {
    const story = CONCERN_STORIES[(i * 7) % CONCERN_STORIES.length]!;
    const advocate = advocates[i % advocates.length]!;
    const receivedAt = new Date(now - (25 + ((i * 53) % 335)) * DAY_MS);
    const at = (days: number) => new Date(receivedAt.getTime() + days * DAY_MS);
    const takes = 1 + ((i * 5) % 12);
    const id = randomUUID();
    concernRows.push({
      id,
      patientId: p.id,
      ...story,
      raisedByName: story.raisedBy === "family" ? "Family member" : null,
      receivedAt,
      status: "closed",
      assignedAdvocateId: advocate.id,
      confidential: story.category === "respect-and-discrimination",
      ...concernDueDates(receivedAt, story.severity),
      acknowledgedAt: at(0.4),
      resolvedAt: at(takes),
      closedAt: at(takes + 1),
      responseContact: `${advocate.name}, patient advocate, (413) 555-0120`,
      responseSteps: "Reviewed the records and spoke with the team involved.",
      responseResults: "We explained what happened and agreed a change with the team.",
      responseCompletedOn: isoDay(at(takes)),
      interimNoticeSentAt: takes > 7 ? at(7) : null,
      interimExpectedBy: takes > 7 ? isoDay(at(14)) : null,
      createdBy: advocate.id,
      createdAt: receivedAt,
      updatedBy: advocate.id,
      updatedAt: at(takes + 1),
      version: 5,
    });
    const path = ["open", "acknowledged", "in-review", "resolved", "closed"] as const;
    const when = [0, 0.4, 1, takes, takes + 1];
    moves.push(
      ...path.map((to, k) => ({
        concernId: id,
        fromStatus: k === 0 ? null : path[k - 1],
        toStatus: to,
        actorId: advocate.id,
        at: at(when[k]!),
      })),
    );
  });
  await insertChunked(concernRows, 500, (chunk) => tx.insert(concerns).values(chunk));
  await insertChunked(moves, 1000, (chunk) => tx.insert(concernTransitions).values(chunk));
  const today = isoDay(new Date());
  const requests = history
    .filter((_, i) => i % 2 === 0)
    .map((p, i) => {
      const story = RIGHTS_STORIES[(i * 3) % RIGHTS_STORIES.length]!;
      const receivedOn = plusDays(today, -(75 + ((i * 41) % 285)));
      const dueOn = rightsDueOn(story.type, receivedOn);
      const late = i % 7 === 3;
      const answeredOn = late ? plusDays(dueOn, 4) : plusDays(receivedOn, 4 + ((i * 11) % 24));
      const advocate = advocates[i % advocates.length]!.id;
      return {
        patientId: p.id,
        type: story.type,
        receivedOn,
        details: story.details,
        requestedForm: story.form,
        healthPlanSelfPay: story.type === "restriction",
        dueOn,
        decision: "granted" as const,
        decidedOn: answeredOn,
        responseSentOn: answeredOn,
        createdBy: advocate,
        updatedBy: advocate,
      };
    });
  await insertChunked(requests, 1000, (chunk) => tx.insert(rightsRequests).values(chunk));
}
