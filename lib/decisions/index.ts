import "server-only";

export { type DecisionLink, linkPlanItem } from "./links";
export { getPortalDecisions, type PortalDecision } from "./portal";
export { type DecisionsPage, type DecisionView, getDecisionsPage } from "./reads";
export { editDecision, recordDecision } from "./record";
export * from "./schemas";
// Re-exports only: what pages, actions and other modules use. The versioned record, the snapshot
// and the flag rule (versions.ts) stay private to this folder.
export { type AnswerRefusals, answerDecision, flagDecision, resolveDecision } from "./workflow";
export {
  type FlaggedDecision,
  type FlaggedDecisionWork,
  flaggedDecisionsRead,
  listFlaggedDecisions,
  unsafeFlaggedDecisionsColumn,
  unsafeFlaggedDecisionsFor,
} from "./worklists";
