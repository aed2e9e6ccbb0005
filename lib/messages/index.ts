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
  INBOX_PAGE_SIZE,
  type InboxPage,
  type InboxThread,
  listInbox,
  listInboxPage,
} from "./inbox";
export { assignConversation, closeConversation, reopenConversation } from "./manage";
export { MESSAGES_PER_PAGE, type PageOfThread } from "./pages";
export {
  getConversation,
  listConversations,
  type PortalConversation,
  type PortalConversationSummary,
  type PortalMessage,
} from "./portal-reads";
export { PORTAL_SIDE_ROLES, type ShownRange } from "./read-marks";
export {
  listPatientMessages,
  type PatientMessages,
  type ThreadMessage,
  type ThreadPage,
  type ThreadSummary,
} from "./reads";
export * from "./schemas";
export { markThreadRead, replyToThread, startThread } from "./threads";
