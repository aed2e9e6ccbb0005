/** Every kind of event the trail holds; the admin filters by these. */
export const AUDIT_ACTIONS = [
  "auth.sign-in",
  "auth.sign-in-failed",
  "auth.lockout",
  "auth.sign-out",
  "session.ended",
  "patient.list",
  "patient.read",
  "user.create",
  "user.update-role",
  "user.deactivate",
  "user.reactivate",
  "user.password-reset",
  "caseload.assign",
  "caseload.end",
  "emergency-access.grant",
  "emergency-access.review",
  "audit.search",
  "portal.read",
  "appointment.list",
  "appointment.create",
  "appointment.reschedule",
  "appointment.cancel",
  "appointment.status",
  "schedule.view",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
