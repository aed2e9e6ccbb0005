import "server-only";

// Re-exports only: what pages, actions and other modules use. The helpers the parts share (the
// versioned change in change.ts, the owner rule in owners.ts) stay private to this folder.
export { type PlanContent, unsafeReadActivePlan } from "./content";
export { addPlanItem, editPlanItem, removePlanItem } from "./items";
export {
  type CarePlanListItem,
  type CarePlanPage,
  getCarePlanPage,
  type PlanDetail,
  type PlanVersionEntry,
} from "./reads";
export * from "./schemas";
export { saveAsTemplate } from "./templates";
export { startCarePlan, transitionPlan, updatePlanDetails } from "./workflow";
export { type CarePlanWorklist, getCarePlanWorklist } from "./worklists";
