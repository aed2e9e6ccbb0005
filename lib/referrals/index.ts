import "server-only";

// Re-exports only: what pages, actions and other modules use.
export { answerReferral, type FeedbackWords } from "./feedback";
export { getPortalReferrals, type PortalNeed, type PortalReferral, type PortalReferrals } from "./portal";
export type { NeedReferral } from "./reads";
export * from "./schemas";
export { referNeed, transitionReferral } from "./workflow";
export { type ReferralDue, readReferralsDue } from "./worklists";
