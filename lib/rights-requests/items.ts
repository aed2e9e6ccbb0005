import "server-only";
import { sql } from "drizzle-orm";
import {
  type CorrectionSubject,
  patients,
  type RightsDecision,
  type RightsRequestType,
  rightsRequests,
  type WrittenLanguage,
} from "@/db/schema";
import { rightsClocks } from "@/lib/clocks";
import { isDueSoon, isOverdue } from "./schemas";

/** A rights request as staff pages and the worklist show it, with its clocks worked out. */
export interface RightsRequestItem {
  id: string;
  patientId: string;
  patientName: string;
  type: RightsRequestType;
  receivedOn: string;
  details: string;
  requestedForm: string | null;
  healthPlanSelfPay: boolean;
  dueOn: string;
  extendedDueOn: string | null;
  /** The due day that counts: the extended one once given. */
  effectiveDueOn: string;
  extensionReason: string | null;
  extensionNotifiedOn: string | null;
  decision: RightsDecision | null;
  decisionReasonCode: string | null;
  decisionReason: string | null;
  disagreementRightStated: boolean;
  decidedOn: string | null;
  responseSentOn: string | null;
  disagreementStatement: string | null;
  disagreementReceivedOn: string | null;
  subjectKind: CorrectionSubject | null;
  subjectId: string | null;
  /** The language of the letters and of the reasons written in them; their English beside Spanish. */
  letterLanguage: WrittenLanguage;
  extensionReasonEnglish: string | null;
  decisionReasonEnglish: string | null;
  /** A confidential-communications request's alternate contact (164.522(b)): staff pages only. */
  alternateEmail: string | null;
  alternatePhone: string | null;
  version: number;
  overdue: boolean;
  dueSoon: boolean;
  canExtend: boolean;
}

export const effectiveDue = sql<string>`coalesce(${rightsRequests.extendedDueOn}, ${rightsRequests.dueOn})`;

/** The columns of a RightsRequestItem; the query joins `patients` for the name. */
export const itemColumns = {
  id: rightsRequests.id,
  patientId: rightsRequests.patientId,
  patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
  type: rightsRequests.type,
  receivedOn: rightsRequests.receivedOn,
  details: rightsRequests.details,
  requestedForm: rightsRequests.requestedForm,
  healthPlanSelfPay: rightsRequests.healthPlanSelfPay,
  dueOn: rightsRequests.dueOn,
  extendedDueOn: rightsRequests.extendedDueOn,
  effectiveDueOn: effectiveDue,
  extensionReason: rightsRequests.extensionReason,
  extensionNotifiedOn: rightsRequests.extensionNotifiedOn,
  decision: rightsRequests.decision,
  decisionReasonCode: rightsRequests.decisionReasonCode,
  decisionReason: rightsRequests.decisionReason,
  disagreementRightStated: rightsRequests.disagreementRightStated,
  decidedOn: rightsRequests.decidedOn,
  responseSentOn: rightsRequests.responseSentOn,
  disagreementStatement: rightsRequests.disagreementStatement,
  disagreementReceivedOn: rightsRequests.disagreementReceivedOn,
  subjectKind: rightsRequests.subjectKind,
  subjectId: rightsRequests.subjectId,
  letterLanguage: rightsRequests.letterLanguage,
  extensionReasonEnglish: rightsRequests.extensionReasonEnglish,
  decisionReasonEnglish: rightsRequests.decisionReasonEnglish,
  alternateEmail: rightsRequests.alternateEmail,
  alternatePhone: rightsRequests.alternatePhone,
  version: rightsRequests.version,
};

/** A row as read, with whether it is overdue, due soon, and may still be extended. */
export function toItem(
  row: Omit<RightsRequestItem, "overdue" | "dueSoon" | "canExtend">,
  today: string,
): RightsRequestItem {
  return {
    ...row,
    overdue: isOverdue(row.effectiveDueOn, row.responseSentOn, today),
    dueSoon: isDueSoon(row.effectiveDueOn, row.responseSentOn, today),
    canExtend:
      rightsClocks()[row.type].extensionDays !== null &&
      row.extendedDueOn === null &&
      row.decision === null &&
      row.dueOn >= today,
  };
}
