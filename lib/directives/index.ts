import "server-only";

export { addAgent, archiveAgent, editAgent } from "./agents";
export {
  archiveDirective,
  DIRECTIVE_FILE_WORDS,
  type DirectiveFile,
  downloadDirectiveFile,
  recordDirective,
} from "./documents";
export {
  type AgentSummary,
  type CareWishesSummary,
  type DirectiveSummary,
  getMyWhoDecides,
  getWhoDecidesBanner,
  unsafeReadWhoDecides,
  type WhoDecides,
} from "./reads";
export * from "./schemas";
export {
  type ArchivedAgent,
  type ArchivedDirective,
  type CareWishVersion,
  type DirectivesPage,
  getDirectivesPage,
} from "./staff-page";
export { type CareWishesSnapshot, saveCareWishes } from "./wishes";
