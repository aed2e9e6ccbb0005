import "server-only";

export type { LanguageNeed } from "@/lib/patients/language";
export {
  ATTACHMENT_WORDS_EN,
  type AttachmentDownload,
  type AttachmentMeta,
  type AttachmentWords,
  attachmentResponse,
  downloadAttachment,
  sniffType,
} from "./attachments";
export { markConversationRead, replyInConversation, startConversation } from "./conversations";
export {
  countUnread,
  type InboxThread,
  listInbox,
} from "./inbox";
export { assignConversation, closeConversation, reopenConversation } from "./manage";
export {
  getConversation,
  listConversations,
  type PortalConversation,
  type PortalConversationSummary,
  type PortalMessage,
} from "./portal-reads";
export { PORTAL_SIDE_ROLES } from "./read-marks";
export { listPatientMessages, type PatientMessages, type ThreadMessage, type ThreadSummary } from "./reads";
export * from "./schemas";
export { markThreadRead, replyToThread, startThread } from "./threads";
