import "server-only";

// Re-exports only: what pages, actions and other modules use. The moves a referral makes
// (moves.ts) are for lib/referrals.
export * from "./labels";
export { getPatientNeeds, type PatientNeed, type PatientNeeds } from "./reads";
export * from "./schemas";
export { declineNeed, noteNeed, reopenNeed } from "./workflow";
