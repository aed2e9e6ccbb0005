import "server-only";

export { countUnread, type InboxThread, listInbox } from "./inbox";
export { listPatientMessages, type PatientMessages, type ThreadMessage, type ThreadSummary } from "./reads";
export * from "./schemas";
export { markThreadRead, replyToThread, startThread } from "./threads";
