// Re-exports only: what the "My work" page uses.
export { WORK_KIND_LABELS, WORK_LIMIT_PER_KIND, type WorkItem, type WorkKind } from "./items";
export { listMyWork, type MyWork } from "./list";
