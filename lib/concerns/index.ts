import "server-only";

export { assignConcern, setConcernConfidential } from "./assignment";
// Re-exports only: what pages, actions and other modules use. The columns and helpers the parts
// share (summary.ts) and the versioned change (workflow.ts) stay private to this folder.
export { intakeConcern, type PortalConcernInput, raiseConcernInPortal } from "./intake";
export * from "./portal";
export { type ConcernPage, getConcern, listPatientConcerns, type PatientConcerns } from "./reads";
export * from "./schemas";
export type { ConcernDetail, ConcernResponse, ConcernSummary } from "./summary";
export { referToQio, resolveConcern, sendInterimNotice, transitionConcern } from "./workflow";
export {
  type ConcernDashboard,
  type ConcernWorklist,
  concernDashboardPanel,
  getConcernDashboard,
  listConcernWorklist,
} from "./worklists";
