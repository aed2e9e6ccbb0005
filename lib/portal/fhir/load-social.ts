import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import {
  advanceDirectives,
  careAgents,
  needs,
  questionnaireResponses,
  questionnaires,
  referrals,
  screeningResults,
  services,
  users,
} from "@/db/schema";

const filledBy = alias(users, "filled_by");
const sender = alias(users, "sender");

/**
 * The social-needs and advance-care rows of the export: screenings and the instruments answered,
 * what scoring found, the needs, referrals with their services, the agents and the directives in
 * force. Read without asking the policy, like `unsafeLoadPatientRecord` that calls it. Never the
 * staff's own words: a need's note and what the advocate asked of a service stay with the team.
 */
export async function unsafeLoadSocialCare(database: Executor, patientId: string) {
  const [responses, instruments, results, needRows, referralRows, agents, directives] = await Promise.all([
    database
      .select({
        id: questionnaireResponses.id,
        questionnaireId: questionnaireResponses.questionnaireId,
        status: questionnaireResponses.status,
        source: questionnaireResponses.source,
        answers: questionnaireResponses.answers,
        language: questionnaireResponses.language,
        completedAt: questionnaireResponses.completedAt,
        updatedAt: questionnaireResponses.updatedAt,
        // Who filled it in: who completed it, or while in progress who started it.
        filledBy: { id: filledBy.id, name: filledBy.name, role: filledBy.role },
      })
      .from(questionnaireResponses)
      .leftJoin(
        filledBy,
        eq(
          filledBy.id,
          sql`coalesce(${questionnaireResponses.completedBy}, ${questionnaireResponses.startedBy})`,
        ),
      )
      .where(eq(questionnaireResponses.patientId, patientId))
      .orderBy(asc(questionnaireResponses.startedAt)),
    // Only the instruments she answered, each version as she saw it.
    database
      .select({
        id: questionnaires.id,
        url: questionnaires.url,
        version: questionnaires.version,
        title: questionnaires.title,
        status: questionnaires.status,
        resource: questionnaires.resource,
      })
      .from(questionnaires)
      .where(
        inArray(
          questionnaires.id,
          database
            .select({ id: questionnaireResponses.questionnaireId })
            .from(questionnaireResponses)
            .where(eq(questionnaireResponses.patientId, patientId)),
        ),
      ),
    database
      .select()
      .from(screeningResults)
      .where(eq(screeningResults.patientId, patientId))
      .orderBy(asc(screeningResults.createdAt), asc(screeningResults.domain)),
    database
      .select({
        id: needs.id,
        domain: needs.domain,
        status: needs.status,
        responseId: needs.responseId,
        identifiedAt: needs.identifiedAt,
        metAt: needs.metAt,
      })
      .from(needs)
      .where(eq(needs.patientId, patientId))
      .orderBy(asc(needs.identifiedAt)),
    database
      .select({
        id: referrals.id,
        needId: referrals.needId,
        status: referrals.status,
        sentAt: referrals.sentAt,
        acceptedAt: referrals.acceptedAt,
        completeDueOn: referrals.completeDueOn,
        endedAt: referrals.endedAt,
        outcome: referrals.outcome,
        patientFeedback: referrals.patientFeedback,
        patientFeedbackAt: referrals.patientFeedbackAt,
        sentBy: { id: sender.id, name: sender.name, role: sender.role },
        service: {
          id: services.id,
          name: services.name,
          kind: services.kind,
          phone: services.phone,
          email: services.email,
          website: services.website,
          address: services.address,
          active: services.active,
        },
      })
      .from(referrals)
      .innerJoin(services, eq(services.id, referrals.serviceId))
      .innerJoin(sender, eq(sender.id, referrals.sentBy))
      .where(eq(referrals.patientId, patientId))
      .orderBy(asc(referrals.sentAt)),
    // The agents as they stand: one replaced is archived and no longer speaks for her.
    database
      .select()
      .from(careAgents)
      .where(and(eq(careAgents.patientId, patientId), isNull(careAgents.archivedAt)))
      .orderBy(asc(careAgents.position)),
    database
      .select({
        id: advanceDirectives.id,
        kind: advanceDirectives.kind,
        signedOn: advanceDirectives.signedOn,
        originalLocation: advanceDirectives.originalLocation,
        fileName: advanceDirectives.fileName,
        sizeBytes: advanceDirectives.sizeBytes,
        content: advanceDirectives.content,
        recordedAt: advanceDirectives.recordedAt,
      })
      .from(advanceDirectives)
      .where(and(eq(advanceDirectives.patientId, patientId), isNull(advanceDirectives.archivedAt)))
      .orderBy(asc(advanceDirectives.signedOn)),
  ]);
  return { responses, instruments, results, needRows, referralRows, agents, directives };
}

export type SocialCareRecord = Awaited<ReturnType<typeof unsafeLoadSocialCare>>;
/** One row of one part: `SocialRow<"agents">` is one health care agent. */
export type SocialRow<K extends keyof SocialCareRecord> = SocialCareRecord[K][number];
