import "server-only";

export { type LanguageNeed as UpdateLanguageNeed, writtenLanguageFor } from "@/lib/patients/language";
export { createUpdate, editUpdate, publishUpdate } from "./changes";
export { listUpdates, type PatientUpdates, type UpdateItem } from "./reads";
export * from "./schemas";
