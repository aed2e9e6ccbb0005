import type { NotificationKind, NotificationStatus } from "@/lib/notifications/outbox-admin";

/** What each notification is about, in the staff's words. */
export const KIND_LABEL: Record<NotificationKind, string> = {
  message: "New message",
  update: "Update published",
  "appointment-booked": "Appointment booked",
  "appointment-moved": "Appointment moved",
  "appointment-cancelled": "Appointment cancelled",
  "request-handled": "Request handled",
  "concern-response": "Concern response ready",
  "rights-decision": "Rights decision ready",
  "appointment-reminder": "Appointment reminder",
  "conversation-waiting": "Conversation waiting",
  "daily-digest": "Daily digest",
  "overdue-alert": "Overdue alert",
  "safety-screen": "Safety screen alert",
  "decision-disputed": "Decision record disputed",
};

export const STATUS_LABEL: Record<NotificationStatus, string> = {
  pending: "Waiting to send",
  sent: "Sent",
  failed: "Failed (dead letter)",
  withdrawn: "Withdrawn",
  skipped: "Skipped",
};

export const CHANNEL_LABEL = { email: "Email", sms: "Text message" } as const;

export const VIA_LABEL = {
  smtp: "over SMTP",
  "sms-api": "through the text-message provider",
  demo: "kept in the demo's outbox (not sent)",
} as const;
