import "server-only";

export { createUpdate, editUpdate, publishUpdate } from "./changes";
export { listUpdates, type PatientUpdates, type UpdateItem } from "./reads";
export * from "./schemas";
