import {
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  type Route,
  test,
} from "@playwright/test";
import { safeReturnPath } from "../lib/auth/return-path";
import { SECURITY_WORDS, type SecurityWords } from "../lib/i18n/security";
import { unsubscribeToken } from "../lib/notifications/unsubscribe-token";
import {
  ACCOUNTS,
  type AccountKey,
  type AppRoute,
  actionBody,
  actionIds,
  actionPages,
  appRoutes,
  FORM,
  HOME,
  OTHER_MRN,
  OWN_MRN,
  orgDate,
  patientIdFor,
  signIn,
  signInPending,
  storageFor,
} from "./support";

/**
 * The one authorization matrix: every route and every server action × every role × own and
 * other patient. The routes come from the file system: a page.tsx or route.ts with no case here
 * fails the first test below, and every route outside the portal is swept as patient and family.
 */
const ROLES = [
  "admin",
  "coordinator",
  "advocate",
  "patient",
  "family",
] as const satisfies readonly AccountKey[];
type MatrixRole = (typeof ROLES)[number] | "anonymous";

interface RouteCase {
  /** The file-system route this case requests, as Next names it: "/patients/[id]/care-plan". */
  pattern: string;
  path: (ids: Ids) => string;
  name: string;
  allowed: MatrixRole[];
  /** Signed-in roles this route sends on (303/307) instead of answering, and where to. */
  redirects?: Partial<Record<MatrixRole, string>>;
  /** Reached without a session (the proxy lets it through): anonymous gets 200 or 404, not the sign-in page. */
  public?: true;
  /** How it is requested: GET unless it answers only a POST (the provider's webhooks). */
  method?: "POST";
}
interface Ids {
  own: string;
  other: string;
  staffUser: string;
  /** Seeded concerns of the own patient: an ordinary one, and one confidential to advocates. */
  concern: string;
  confidentialConcern: string;
  /** A concern of the own patient with an interim notice: its letter is a page. */
  letterConcern: string;
  /** One of the own patient's upcoming appointments. */
  appointment: string;
  /** The own patient's decided rights request (seeded), and the accounting they were given. */
  decidedRequest: string;
  accounting: string;
  /** The own patient's seeded conversation with the care team, and the file shared in it. */
  conversation: string;
  /** The first and last message the patient's page of that conversation shows (its read mark's range). */
  conversationShown: [string, string];
  attachment: string;
  /**
   * The own patient's seeded advance directive with a scan (its file route); absent until the seed
   * has one, when the cases that need it request an unknown id.
   */
  directive?: string;
  /** The demo patient's unsubscribe token for updates, signed with the run's AUTH_SECRET as the server signs it. */
  unsubscribe: string;
}

const STAFF: MatrixRole[] = ["coordinator", "advocate"];
const EVERYONE: MatrixRole[] = [...ROLES, "anonymous"];
/** Where "/" and "/login" send a signed-in person: their own home. */
const TO_HOME: Partial<Record<MatrixRole, string>> = Object.fromEntries(ROLES.map((r) => [r, HOME[r]]));

/** The AUTH_SECRET the run gave the servers (scripts/test.ts): a token signed with it is the server's own. */
function runSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret)
    throw new Error("AUTH_SECRET is not set: run the browser suite through npm test (scripts/test.ts).");
  return secret;
}

/** The seeded directive's id, or one that is no directive while the seed has none. */
function directiveOf(ids: Ids): string {
  return ids.directive ?? "00000000-0000-4000-8000-000000000000";
}

function reportCsvPath(): string {
  const to = orgDate();
  return `/reports/csv?table=concerns-by-language&from=${to.slice(0, 4)}-01-01&to=${to}`;
}

const ROUTES: RouteCase[] = [
  // The benchmark's floor page and statement counter exist only under CAREBRIDGE_BENCH=1.
  { name: "/bench/floor (benchmark off)", pattern: "/bench/floor", path: () => "/bench/floor", allowed: [] },
  { name: "/bench/stats (benchmark off)", pattern: "/bench/stats", path: () => "/bench/stats", allowed: [] },
  // Signing in: "/" is where Auth.js lands after sign-in; it renders nothing and sends each role home.
  { name: "/", pattern: "/", path: () => "/", allowed: [], redirects: TO_HOME },
  { name: "/login", pattern: "/login", path: () => "/login", allowed: ["anonymous"], redirects: TO_HOME },
  // Finishing a sign-in that owes a second factor: a complete session has nothing to finish and is
  // sent home (requirePendingSession); without a session the proxy sends it to sign in. What a
  // pending session gets is its own test below.
  {
    name: "/login/second-factor",
    pattern: "/login/second-factor",
    path: () => "/login/second-factor",
    allowed: [],
    redirects: TO_HOME,
  },
  {
    name: "/login/enrol",
    pattern: "/login/enrol",
    path: () => "/login/enrol",
    allowed: [],
    redirects: TO_HOME,
  },
  {
    name: "/api/auth/session",
    pattern: "/api/auth/[...nextauth]",
    path: () => "/api/auth/session",
    allowed: EVERYONE,
  },
  // The calendar feed's token is its credential: no session needed, and a made-up one is nothing.
  {
    name: "/api/calendar/[unknown token]",
    pattern: "/api/calendar/[token]",
    path: () => `/api/calendar/${"A".repeat(43)}.ics`,
    allowed: [],
    public: true,
  },
  // The text-message provider's webhooks: its signature is the credential, so no session is needed
  // and none helps. Unsigned they are a 403; here text messages are off (no SMS_AUTH_TOKEN): a 404.
  {
    name: "POST /api/sms/status (text messages off)",
    pattern: "/api/sms/status",
    path: () => "/api/sms/status",
    allowed: [],
    public: true,
    method: "POST",
  },
  {
    name: "POST /api/sms/inbound (text messages off)",
    pattern: "/api/sms/inbound",
    path: () => "/api/sms/inbound",
    allowed: [],
    public: true,
    method: "POST",
  },
  // The idle dialog's question (ADR 015): every signed-in role asks about its own session, which
  // asking never extends; without a session the proxy sends it to sign in, as every other route.
  {
    name: "/api/session/status",
    pattern: "/api/session/status",
    path: () => "/api/session/status",
    allowed: [...ROLES],
  },
  { name: "/dashboard", pattern: "/dashboard", path: () => "/dashboard", allowed: STAFF },
  // What waits on the signed-in staff member: theirs alone, so a 404 for admin, patient and family.
  { name: "/my-work", pattern: "/my-work", path: () => "/my-work", allowed: STAFF },
  { name: "/patients", pattern: "/patients", path: () => "/patients", allowed: STAFF },
  // The demo patient is in coordinator@'s and advocate@'s caseloads, is patient@ and shares with
  // family@; none of that opens a staff page to the patient or her daughter: they read through /me.
  {
    name: "/patients/[own]",
    pattern: "/patients/[id]",
    path: (ids) => `/patients/${ids.own}`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]",
    pattern: "/patients/[id]",
    path: (ids) => `/patients/${ids.other}`,
    allowed: [],
  },
  {
    name: "/patients/[own]/appointments",
    pattern: "/patients/[id]/appointments",
    path: (ids) => `/patients/${ids.own}/appointments`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/appointments",
    pattern: "/patients/[id]/appointments",
    path: (ids) => `/patients/${ids.other}/appointments`,
    allowed: [],
  },
  {
    name: "/emergency-access",
    pattern: "/emergency-access",
    path: () => "/emergency-access",
    allowed: STAFF,
  },
  // A search across the organisation shows name, MRN and date of birth: staff only, never the portal.
  {
    name: "/emergency-access?q=[name]",
    pattern: "/emergency-access",
    path: () => "/emergency-access?q=Al",
    allowed: STAFF,
  },
  { name: "/schedule", pattern: "/schedule", path: () => "/schedule", allowed: STAFF },
  { name: "/schedule?view=day", pattern: "/schedule", path: () => "/schedule?view=day", allowed: STAFF },
  // The caseload's calendar address; the patient's own is /me/calendar.
  { name: "/calendar", pattern: "/calendar", path: () => "/calendar", allowed: STAFF },
  { name: "/messages", pattern: "/messages", path: () => "/messages", allowed: STAFF },
  {
    name: "/patients/[own]/updates",
    pattern: "/patients/[id]/updates",
    path: (ids) => `/patients/${ids.own}/updates`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/updates",
    pattern: "/patients/[id]/updates",
    path: (ids) => `/patients/${ids.other}/updates`,
    allowed: [],
  },
  {
    name: "/patients/[own]/messages",
    pattern: "/patients/[id]/messages",
    path: (ids) => `/patients/${ids.own}/messages`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/messages",
    pattern: "/patients/[id]/messages",
    path: (ids) => `/patients/${ids.other}/messages`,
    allowed: [],
  },
  {
    name: "/patients/[own]/care-plan",
    pattern: "/patients/[id]/care-plan",
    path: (ids) => `/patients/${ids.own}/care-plan`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/care-plan",
    pattern: "/patients/[id]/care-plan",
    path: (ids) => `/patients/${ids.other}/care-plan`,
    allowed: [],
  },
  {
    name: "/patients/[own]/care-plan/print",
    pattern: "/patients/[id]/care-plan/print",
    path: (ids) => `/patients/${ids.own}/care-plan/print`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/care-plan/print",
    pattern: "/patients/[id]/care-plan/print",
    path: (ids) => `/patients/${ids.other}/care-plan/print`,
    allowed: [],
  },
  { name: "/concerns", pattern: "/concerns", path: () => "/concerns", allowed: ["advocate"] },
  {
    name: "/patients/[own]/concerns",
    pattern: "/patients/[id]/concerns",
    path: (ids) => `/patients/${ids.own}/concerns`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/concerns",
    pattern: "/patients/[id]/concerns",
    path: (ids) => `/patients/${ids.other}/concerns`,
    allowed: [],
  },
  {
    name: "/patients/[own]/concerns/[concern]",
    pattern: "/patients/[id]/concerns/[concernId]",
    path: (ids) => `/patients/${ids.own}/concerns/${ids.concern}`,
    allowed: STAFF,
  },
  {
    name: "/patients/[own]/concerns/[confidential]",
    pattern: "/patients/[id]/concerns/[concernId]",
    path: (ids) => `/patients/${ids.own}/concerns/${ids.confidentialConcern}`,
    allowed: ["advocate"],
  },
  {
    name: "/patients/[own]/concerns/[letter concern]",
    pattern: "/patients/[id]/concerns/[concernId]",
    path: (ids) => `/patients/${ids.own}/concerns/${ids.letterConcern}`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/concerns/[concern]",
    pattern: "/patients/[id]/concerns/[concernId]",
    path: (ids) => `/patients/${ids.other}/concerns/${ids.concern}`,
    allowed: [],
  },
  {
    name: "/patients/[own]/concerns/[letter concern]/letter",
    pattern: "/patients/[id]/concerns/[concernId]/letter",
    path: (ids) => `/patients/${ids.own}/concerns/${ids.letterConcern}/letter?kind=interim`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/concerns/[letter concern]/letter",
    pattern: "/patients/[id]/concerns/[concernId]/letter",
    path: (ids) => `/patients/${ids.other}/concerns/${ids.letterConcern}/letter?kind=interim`,
    allowed: [],
  },
  {
    name: "/patients/[own]/preferences",
    pattern: "/patients/[id]/preferences",
    path: (ids) => `/patients/${ids.own}/preferences`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/preferences",
    pattern: "/patients/[id]/preferences",
    path: (ids) => `/patients/${ids.other}/preferences`,
    allowed: [],
  },
  {
    name: "/patients/[own]/screening",
    pattern: "/patients/[id]/screening",
    path: (ids) => `/patients/${ids.own}/screening`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/screening",
    pattern: "/patients/[id]/screening",
    path: (ids) => `/patients/${ids.other}/screening`,
    allowed: [],
  },
  {
    name: "/patients/[own]/decisions",
    pattern: "/patients/[id]/decisions",
    path: (ids) => `/patients/${ids.own}/decisions`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/decisions",
    pattern: "/patients/[id]/decisions",
    path: (ids) => `/patients/${ids.other}/decisions`,
    allowed: [],
  },
  {
    name: "/patients/[own]/advocacy",
    pattern: "/patients/[id]/advocacy",
    path: (ids) => `/patients/${ids.own}/advocacy`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/advocacy",
    pattern: "/patients/[id]/advocacy",
    path: (ids) => `/patients/${ids.other}/advocacy`,
    allowed: [],
  },
  { name: "/resources", pattern: "/resources", path: () => "/resources", allowed: STAFF },
  { name: "/services", pattern: "/services", path: () => "/services", allowed: STAFF },
  {
    name: "/patients/[own]/needs",
    pattern: "/patients/[id]/needs",
    path: (ids) => `/patients/${ids.own}/needs`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/needs",
    pattern: "/patients/[id]/needs",
    path: (ids) => `/patients/${ids.other}/needs`,
    allowed: [],
  },
  {
    name: "/rights-requests",
    pattern: "/rights-requests",
    path: () => "/rights-requests",
    allowed: ["advocate"],
  },
  {
    name: "/patients/[own]/rights-requests",
    pattern: "/patients/[id]/rights-requests",
    path: (ids) => `/patients/${ids.own}/rights-requests`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/rights-requests",
    pattern: "/patients/[id]/rights-requests",
    path: (ids) => `/patients/${ids.other}/rights-requests`,
    allowed: [],
  },
  {
    name: "/patients/[own]/rights-requests/[request]/letter",
    pattern: "/patients/[id]/rights-requests/[requestId]/letter",
    path: (ids) => `/patients/${ids.own}/rights-requests/${ids.decidedRequest}/letter?kind=decision`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/rights-requests/[request]/letter",
    pattern: "/patients/[id]/rights-requests/[requestId]/letter",
    path: (ids) => `/patients/${ids.other}/rights-requests/${ids.decidedRequest}/letter?kind=decision`,
    allowed: [],
  },
  {
    name: "/patients/[own]/disclosures",
    pattern: "/patients/[id]/disclosures",
    path: (ids) => `/patients/${ids.own}/disclosures`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/disclosures",
    pattern: "/patients/[id]/disclosures",
    path: (ids) => `/patients/${ids.other}/disclosures`,
    allowed: [],
  },
  {
    name: "/patients/[own]/disclosures/accounting/[accounting]",
    pattern: "/patients/[id]/disclosures/accounting/[accountingId]",
    path: (ids) => `/patients/${ids.own}/disclosures/accounting/${ids.accounting}`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/disclosures/accounting/[accounting]",
    pattern: "/patients/[id]/disclosures/accounting/[accountingId]",
    path: (ids) => `/patients/${ids.other}/disclosures/accounting/${ids.accounting}`,
    allowed: [],
  },
  { name: "/reports", pattern: "/reports", path: () => "/reports", allowed: ["advocate"] },
  { name: "/reports/csv", pattern: "/reports/csv", path: reportCsvPath, allowed: ["advocate"] },
  { name: "/me", pattern: "/me", path: () => "/me", allowed: ["patient", "family"] },
  {
    name: "/me?kind=concern&before=[cursor]",
    pattern: "/me",
    path: () => "/me?kind=concern&before=2000-01-01T00:00:00.000000Z_0",
    allowed: ["patient", "family"],
  },
  {
    name: "/me?patient=[own]",
    pattern: "/me",
    path: (ids) => `/me?patient=${ids.own}`,
    allowed: ["patient", "family"],
  },
  { name: "/me?patient=[other]", pattern: "/me", path: (ids) => `/me?patient=${ids.other}`, allowed: [] },
  // Family see rights requests only when the patient shared them; family@ was not given that scope.
  { name: "/me/rights", pattern: "/me/rights", path: () => "/me/rights", allowed: ["patient"] },
  { name: "/me/family", pattern: "/me/family", path: () => "/me/family", allowed: ["patient"] },
  // The patient's own calendar address: hers alone, never her family's.
  { name: "/me/calendar", pattern: "/me/calendar", path: () => "/me/calendar", allowed: ["patient"] },
  {
    name: "/me/appointments/[own]",
    pattern: "/me/appointments/[appointmentId]",
    path: (ids) => `/me/appointments/${ids.appointment}`,
    allowed: ["patient", "family"],
  },
  {
    name: "/me/appointments/[own]/ics",
    pattern: "/me/appointments/[appointmentId]/ics",
    path: (ids) => `/me/appointments/${ids.appointment}/ics`,
    allowed: ["patient", "family"],
  },
  {
    name: "/me/appointments/[own]?patient=[other]",
    pattern: "/me/appointments/[appointmentId]",
    path: (ids) => `/me/appointments/${ids.appointment}?patient=${ids.other}`,
    allowed: [],
  },
  { name: "/me/access-log", pattern: "/me/access-log", path: () => "/me/access-log", allowed: ["patient"] },
  { name: "/me/referrals", pattern: "/me/referrals", path: () => "/me/referrals", allowed: ["patient"] },
  { name: "/me/export", pattern: "/me/export", path: () => "/me/export", allowed: ["patient"] },
  { name: "/me/summary", pattern: "/me/summary", path: () => "/me/summary", allowed: ["patient"] },
  {
    name: "/me/preferences",
    pattern: "/me/preferences",
    path: () => "/me/preferences",
    allowed: ["patient", "family"],
  },
  {
    name: "/me/preferences?patient=[other]",
    pattern: "/me/preferences",
    path: (ids) => `/me/preferences?patient=${ids.other}`,
    allowed: [],
  },
  // Her social-needs screening: the patient alone; family never, whatever she shared (a safety screen).
  { name: "/me/screening", pattern: "/me/screening", path: () => "/me/screening", allowed: ["patient"] },
  {
    name: "/me/screening?patient=[own]",
    pattern: "/me/screening",
    path: (ids) => `/me/screening?patient=${ids.own}`,
    allowed: ["patient"],
  },
  // Her decision records: the patient alone, never family (read:decision:portal is SELF only).
  { name: "/me/decisions", pattern: "/me/decisions", path: () => "/me/decisions", allowed: ["patient"] },
  {
    name: "/me/decisions?patient=[other]",
    pattern: "/me/decisions",
    path: (ids) => `/me/decisions?patient=${ids.other}`,
    allowed: [],
  },
  // One's own notifications: the portal's list for patient and family, the staff list for staff and
  // the admin; each is a 404 to the other side.
  {
    name: "/me/notifications",
    pattern: "/me/notifications",
    path: () => "/me/notifications",
    allowed: ["patient", "family"],
  },
  {
    name: "/me/notifications?page=2",
    pattern: "/me/notifications",
    path: () => "/me/notifications?page=2",
    allowed: ["patient", "family"],
  },
  // One's own choices of what reaches them: each person's own, so staff (who have none here) get the 404.
  {
    name: "/me/notifications/settings",
    pattern: "/me/notifications/settings",
    path: () => "/me/notifications/settings",
    allowed: ["patient", "family"],
  },
  {
    name: "/notifications",
    pattern: "/notifications",
    path: () => "/notifications",
    allowed: ["admin", "coordinator", "advocate"],
  },
  // Staff's own email choices (the digest, overdue alerts): the portal's side has its own page.
  {
    name: "/notifications/settings",
    pattern: "/notifications/settings",
    path: () => "/notifications/settings",
    allowed: ["admin", "coordinator", "advocate"],
  },
  // One's own second factor: staff's page and the portal's (in the reader's language); each is a
  // 404 to the other side.
  {
    name: "/account/security",
    pattern: "/account/security",
    path: () => "/account/security",
    allowed: ["admin", "coordinator", "advocate"],
  },
  {
    name: "/me/security",
    pattern: "/me/security",
    path: () => "/me/security",
    allowed: ["patient", "family"],
  },
  // Public: an email's unsubscribe link. The signed token is the credential, with or without a
  // session; a made-up one is nothing. Opening a real one only asks (its button is the change).
  {
    name: "/unsubscribe/[unknown token]",
    pattern: "/unsubscribe/[token]",
    path: () => `/unsubscribe/${"A".repeat(91)}`,
    allowed: [],
    public: true,
  },
  {
    name: "/unsubscribe/[the patient's token for updates]",
    pattern: "/unsubscribe/[token]",
    path: (ids) => `/unsubscribe/${ids.unsubscribe}`,
    allowed: EVERYONE,
    public: true,
  },
  // The mail program's one-click unsubscribe (RFC 8058), POST only to change anything.
  {
    name: "POST /api/unsubscribe/[unknown token]",
    pattern: "/api/unsubscribe/[token]",
    path: () => `/api/unsubscribe/${"A".repeat(91)}`,
    allowed: [],
    public: true,
    method: "POST",
  },
  {
    name: "/api/unsubscribe/[unknown token]",
    pattern: "/api/unsubscribe/[token]",
    path: () => `/api/unsubscribe/${"A".repeat(91)}`,
    allowed: [],
    public: true,
  },
  // Public: an invitation link needs no session, and a made-up one says so plainly.
  {
    name: "/invite/[unknown token]",
    pattern: "/invite/[token]",
    path: () => `/invite/${"A".repeat(43)}`,
    allowed: EVERYONE,
  },
  {
    name: "/me/rights?patient=[other]",
    pattern: "/me/rights",
    path: (ids) => `/me/rights?patient=${ids.other}`,
    allowed: [],
  },
  {
    name: "/me/concerns/new",
    pattern: "/me/concerns/new",
    path: () => "/me/concerns/new",
    allowed: ["patient", "family"],
  },
  {
    name: "/me/concerns/new?patient=[other]",
    pattern: "/me/concerns/new",
    path: (ids) => `/me/concerns/new?patient=${ids.other}`,
    allowed: [],
  },
  {
    name: "/me/concerns/[own]",
    pattern: "/me/concerns/[concernId]",
    path: (ids) => `/me/concerns/${ids.concern}`,
    allowed: ["patient", "family"],
  },
  {
    name: "/me/concerns/[own]?patient=[other]",
    pattern: "/me/concerns/[concernId]",
    path: (ids) => `/me/concerns/${ids.concern}?patient=${ids.other}`,
    allowed: [],
  },
  // Conversations: family@ holds the messages scope; one without it is tried in e2e/conversations.spec.ts.
  {
    name: "/me/messages",
    pattern: "/me/messages",
    path: () => "/me/messages",
    allowed: ["patient", "family"],
  },
  {
    name: "/me/messages?patient=[other]",
    pattern: "/me/messages",
    path: (ids) => `/me/messages?patient=${ids.other}`,
    allowed: [],
  },
  {
    name: "/me/messages/[own]",
    pattern: "/me/messages/[threadId]",
    path: (ids) => `/me/messages/${ids.conversation}`,
    allowed: ["patient", "family"],
  },
  {
    name: "/me/messages/[own]?patient=[other]",
    pattern: "/me/messages/[threadId]",
    path: (ids) => `/me/messages/${ids.conversation}?patient=${ids.other}`,
    allowed: [],
  },
  {
    name: "/me/messages/[unknown]",
    pattern: "/me/messages/[threadId]",
    path: () => "/me/messages/00000000-0000-4000-8000-000000000000",
    allowed: [],
  },
  {
    name: "/me/messages/attachments/[own]",
    pattern: "/me/messages/attachments/[attachmentId]",
    path: (ids) => `/me/messages/attachments/${ids.attachment}`,
    allowed: ["patient", "family"],
  },
  {
    name: "/patients/[own]/messages/attachments/[own]",
    pattern: "/patients/[id]/messages/attachments/[attachmentId]",
    path: (ids) => `/patients/${ids.own}/messages/attachments/${ids.attachment}`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/messages/attachments/[own]",
    pattern: "/patients/[id]/messages/attachments/[attachmentId]",
    path: (ids) => `/patients/${ids.other}/messages/attachments/${ids.attachment}`,
    allowed: [],
  },
  // Who decides (her agent, advance directives, code-status wishes): staff on her record; the
  // patient reads her own in the portal, read-only; family never, whatever they were shared.
  {
    name: "/patients/[own]/directives",
    pattern: "/patients/[id]/directives",
    path: (ids) => `/patients/${ids.own}/directives`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/directives",
    pattern: "/patients/[id]/directives",
    path: (ids) => `/patients/${ids.other}/directives`,
    allowed: [],
  },
  {
    name: "/patients/[own]/directives/[own]/file",
    pattern: "/patients/[id]/directives/[directiveId]/file",
    path: (ids) => `/patients/${ids.own}/directives/${directiveOf(ids)}/file`,
    allowed: STAFF,
  },
  {
    name: "/patients/[other]/directives/[own]/file",
    pattern: "/patients/[id]/directives/[directiveId]/file",
    path: (ids) => `/patients/${ids.other}/directives/${directiveOf(ids)}/file`,
    allowed: [],
  },
  { name: "/me/directives", pattern: "/me/directives", path: () => "/me/directives", allowed: ["patient"] },
  {
    name: "/me/directives?patient=[own]",
    pattern: "/me/directives",
    path: (ids) => `/me/directives?patient=${ids.own}`,
    allowed: ["patient"],
  },
  {
    name: "/me/directives/[own]/file",
    pattern: "/me/directives/[directiveId]/file",
    path: (ids) => `/me/directives/${directiveOf(ids)}/file`,
    allowed: ["patient"],
  },
  { name: "/admin/users", pattern: "/admin/users", path: () => "/admin/users", allowed: ["admin"] },
  {
    name: "/admin/users/new",
    pattern: "/admin/users/new",
    path: () => "/admin/users/new",
    allowed: ["admin"],
  },
  {
    name: "/admin/users/[id]",
    pattern: "/admin/users/[id]",
    path: (ids) => `/admin/users/${ids.staffUser}`,
    allowed: ["admin"],
  },
  {
    name: "/admin/users/[id]?q=[name]",
    pattern: "/admin/users/[id]",
    path: (ids) => `/admin/users/${ids.staffUser}?q=Al`,
    allowed: ["admin"],
  },
  {
    name: "/admin/users/[id]/transfer",
    pattern: "/admin/users/[id]/transfer",
    path: (ids) => `/admin/users/${ids.staffUser}/transfer`,
    allowed: ["admin"],
  },
  { name: "/admin/audit", pattern: "/admin/audit", path: () => "/admin/audit", allowed: ["admin"] },
  // The organisation's sign-in rules (a second factor for staff).
  { name: "/admin/security", pattern: "/admin/security", path: () => "/admin/security", allowed: ["admin"] },
  {
    name: "/admin/emergency-access",
    pattern: "/admin/emergency-access",
    path: () => "/admin/emergency-access",
    allowed: ["admin"],
  },
  { name: "/admin/outbox", pattern: "/admin/outbox", path: () => "/admin/outbox", allowed: ["admin"] },
  {
    name: "/admin/outbox?status=failed&channel=email",
    pattern: "/admin/outbox",
    path: () => "/admin/outbox?status=failed&channel=email",
    allowed: ["admin"],
  },
];

/** File-system routes no case of `cases` requests, by exact pattern, as "file (pattern)". */
function uncoveredRoutes(
  routes: readonly AppRoute[],
  cases: readonly Pick<RouteCase, "pattern">[],
): string[] {
  const covered = new Set(cases.map((c) => c.pattern));
  return routes.filter((r) => !covered.has(r.pattern)).map((r) => `${r.file} (${r.pattern})`);
}

/**
 * Where a patient or family member may be answered at all: the portal, invitations, signing in
 * (with "/", the landing after sign-in, and the pages that finish a sign-in owing a second factor,
 * which only send a complete session home) and Auth.js's own endpoints, the idle dialog's session
 * status, and the calendar feed, whose token is the credential. The text-message provider's
 * webhooks are no staff route either: POST only, signed, and cased in ROUTES. Every other route is
 * a staff route, and 404 for them whatever their relationship to the patient.
 */
const PORTAL_ROLE_ROUTES = [
  /^\/$/,
  /^\/me(\/|$)/,
  /^\/invite\//,
  /^\/login(\/|$)/,
  /^\/api\/auth\//,
  /^\/api\/calendar\//,
  /^\/api\/sms\/(status|inbound)$/,
  /^\/api\/session\/status$/,
  /^\/unsubscribe\//,
  /^\/api\/unsubscribe\//,
];
const isStaffRoute = (pattern: string) => !PORTAL_ROLE_ROUTES.some((p) => p.test(pattern));

/**
 * A real value for each dynamic segment, by the segment before it: the sweep opens every staff
 * route (and, for a session owing its second factor, every route) on the own patient's real
 * record. A new dynamic route needs its value here.
 */
const SEGMENT_VALUES: Record<string, (ids: Ids) => string> = {
  "patients/[id]": (ids) => ids.own,
  "users/[id]": (ids) => ids.staffUser,
  "concerns/[concernId]": (ids) => ids.letterConcern,
  "rights-requests/[requestId]": (ids) => ids.decidedRequest,
  "accounting/[accountingId]": (ids) => ids.accounting,
  "appointments/[appointmentId]": (ids) => ids.appointment,
  "attachments/[attachmentId]": (ids) => ids.attachment,
  "messages/[threadId]": (ids) => ids.conversation,
  "directives/[directiveId]": (ids) => directiveOf(ids),
};
/** What a page needs in its query to answer at all (a letter says which letter). */
const SWEEP_QUERY: Record<string, () => string> = {
  "/patients/[id]/concerns/[concernId]/letter": () => "?kind=interim",
  "/patients/[id]/rights-requests/[requestId]/letter": () => "?kind=decision",
  "/reports/csv": () => reportCsvPath().replace("/reports/csv", ""),
};
/** Staff routes nobody may open in the test server, so the sweep has no staff control for them. */
const OFF_FOR_EVERYONE = ["/bench/floor", "/bench/stats"];

function sweepUrl(pattern: string, ids: Ids): string {
  const parts = pattern.split("/");
  const filled = parts.map((segment, i) => {
    if (!segment.startsWith("[")) return segment;
    const value = SEGMENT_VALUES[`${parts[i - 1]}/${segment}`];
    if (!value) throw new Error(`${pattern}: no value for ${parts[i - 1]}/${segment} in SEGMENT_VALUES`);
    return value(ids);
  });
  return filled.join("/") + (SWEEP_QUERY[pattern]?.() ?? "");
}

let ids: Ids;

const CONCERN_ACTIONS = "app/(portal)/patients/[id]/concerns/actions.ts";
const LETTER_CONCERN = "Matrix: the concern whose interim letter the matrix opens.";

let actionsInBuild: Record<string, string> | undefined;
function actionId(key: string): string {
  actionsInBuild ??= actionIds();
  const id = actionsInBuild[key];
  expect(id, `action ${key} is in the build`).toBeTruthy();
  return id!;
}

/** Posts a server action the way the browser's router does, straight to the server. */
function postAction(
  request: APIRequestContext,
  key: string,
  path: string,
  args: unknown[],
  form: Record<string, string> = {},
): Promise<APIResponse> {
  return request.post(path, {
    headers: { "Next-Action": actionId(key), Accept: "text/x-component" },
    multipart: actionBody(args, form),
    maxRedirects: 0,
  });
}

/**
 * The own patient's concern with an interim notice, made once per database through the
 * advocate's own actions: the concern letter route needs a real letter to open.
 */
async function letterConcernOf(advocate: Page, own: string): Promise<string> {
  const row = advocate.getByRole("row").filter({ hasText: LETTER_CONCERN });
  await advocate.goto(`/patients/${own}/concerns`);
  if ((await row.count()) === 0) {
    await postAction(
      advocate.request,
      `${CONCERN_ACTIONS}#intakeConcernAction`,
      `/patients/${own}/concerns`,
      [own, {}, FORM],
      {
        raisedBy: "patient",
        category: "communication",
        severity: "low",
        whatHappened: LETTER_CONCERN,
        desiredOutcome: "A letter saying when she will hear back.",
      },
    );
    await advocate.reload();
  }
  const concern = (await row.getByRole("link").first().getAttribute("href"))!.split("/").at(-1)!;
  const letter = `/patients/${own}/concerns/${concern}/letter?kind=interim`;
  if ((await advocate.request.get(letter)).status() !== 200) {
    await advocate.goto(`/patients/${own}/concerns/${concern}`);
    const version = await advocate.locator('input[name="version"]').first().inputValue();
    await postAction(
      advocate.request,
      `${CONCERN_ACTIONS}#interimNoticeAction`,
      letter,
      [concern, {}, FORM],
      {
        expectedBy: orgDate(30),
        message: "We are still looking into this and will write again.",
        version,
      },
    );
  }
  return concern;
}

async function lookUpIds(browser: Browser): Promise<Ids> {
  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const coordinator2 = await (
    await browser.newContext({ storageState: storageFor("coordinator2") })
  ).newPage();
  const admin = await (await browser.newContext({ storageState: storageFor("admin") })).newPage();
  await admin.goto(`/admin/users?q=${encodeURIComponent(ACCOUNTS.coordinator2)}`);
  const staffHref = await admin.getByRole("link", { name: "Jordan Blake" }).getAttribute("href");
  await admin.goto(`/admin/users?q=${encodeURIComponent(ACCOUNTS.patient)}`);
  const patientUserHref = await admin
    // The user's own link (a table of recent refusals may list her too, linking to the audit).
    .locator("a[href^='/admin/users/']")
    .filter({ hasText: "Maria Alvarez" })
    .first()
    .getAttribute("href");
  const own = await patientIdFor(coordinator, OWN_MRN);
  const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  await advocate.goto(`/patients/${own}/concerns`);
  const concernIn = async (confidential: boolean) => {
    const row = advocate.getByRole("row").filter({ hasText: "Confidential" });
    const link = (confidential ? row : advocate.getByRole("row").filter({ hasNotText: "Confidential" }))
      .getByRole("link")
      .first();
    return (await link.getAttribute("href"))!.split("/").at(-1)!;
  };
  const patient = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
  await patient.goto("/me");
  const appointmentHref = await patient.locator("a[href^='/me/appointments/']").first().getAttribute("href");
  await patient.goto("/me/messages");
  const conversationHref = await patient
    .locator("a[href^='/me/messages/']:not([href*='/attachments/'])")
    .first()
    .getAttribute("href");
  await patient.goto(conversationHref!);
  const shown = await patient
    .locator("li[id^='message-']")
    .evaluateAll((items) => items.map((item) => item.id.replace("message-", "")));
  await coordinator.goto(`/patients/${own}/messages`);
  const attachmentHref = await coordinator
    .locator(`a[href^='/patients/${own}/messages/attachments/']`)
    .first()
    .getAttribute("href");
  await coordinator.goto(`/patients/${own}/directives`);
  const directiveHref = await coordinator
    .locator(`a[href^='/patients/${own}/directives/'][href$='/file']`)
    .first()
    .getAttribute("href", { timeout: 5_000 })
    .catch(() => null);
  const concern = await concernIn(false);
  const confidentialConcern = await concernIn(true);
  const letterConcern = await letterConcernOf(advocate, own);
  await advocate.goto(`/patients/${own}/rights-requests`);
  const letter = await advocate.getByRole("link", { name: "Decision letter" }).first().getAttribute("href");
  await advocate.goto(`/patients/${own}/disclosures`);
  const accounting = await advocate
    .getByRole("link", { name: /^Accounting of / })
    .first()
    .getAttribute("href");
  return {
    own,
    decidedRequest: letter!.split("/").at(-2)!,
    accounting: accounting!.split("/").at(-1)!,
    other: await patientIdFor(coordinator2, OTHER_MRN),
    staffUser: staffHref!.split("/").at(-1)!,
    concern,
    confidentialConcern,
    letterConcern,
    appointment: appointmentHref!.split("/").at(-1)!.split("?")[0]!,
    conversation: conversationHref!.split("/").at(-1)!.split("?")[0]!,
    conversationShown: [shown.at(0)!, shown.at(-1)!],
    attachment: attachmentHref!.split("/").at(-1)!,
    directive: directiveHref?.split("/").at(-2),
    unsubscribe: unsubscribeToken(patientUserHref!.split("/").at(-1)!, "update", runSecret()),
  };
}

/** One browser context per role for the worker: sessions are the saved sign-ins, or none. */
const contexts = new WeakMap<Browser, Map<MatrixRole, Promise<BrowserContext>>>();
async function requestFor(browser: Browser, role: MatrixRole): Promise<APIRequestContext> {
  let byRole = contexts.get(browser);
  if (!byRole) {
    byRole = new Map();
    contexts.set(browser, byRole);
  }
  let context = byRole.get(role);
  if (!context) {
    context = browser.newContext(role === "anonymous" ? {} : { storageState: storageFor(role) });
    byRole.set(role, context);
  }
  return (await context).request;
}

const locationPath = (response: APIResponse) =>
  new URL(response.headers().location ?? "", "http://matrix.invalid").pathname;
const locationUrl = (response: APIResponse) => {
  const location = response.headers().location;
  return location === undefined ? undefined : new URL(location, "http://matrix.invalid");
};

/**
 * Where a fetch action's redirect() sends the browser: not an HTTP redirect but a 200 that names
 * the place in x-action-redirect ("<url>;push"). Undefined when the action answered instead.
 */
function actionRedirect(response: APIResponse): URL | undefined {
  const header = response.headers()["x-action-redirect"];
  if (header === undefined) return undefined;
  const end = header.lastIndexOf(";");
  return new URL(end < 0 ? header : header.slice(0, end), "http://matrix.invalid");
}

/**
 * A session that still owes its second factor: TOTP_ACCOUNT after its password only, signed in
 * afresh, since such a session lasts ten minutes and the one saved by the setup may be older.
 */
async function pendingContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await signInPending(await context.newPage());
  return context;
}

/**
 * The pending session sent to finish signing in, and back afterwards to the path it asked for, as
 * requireActor takes it (the proxy's x-carebridge-path, without the query); "/" and the sign-in
 * pages are no way back (safeReturnPath), so those carry no `next`.
 */
function expectSentToCode(to: URL | undefined, asked: string, label: string): void {
  const back = safeReturnPath(new URL(asked, "http://matrix.invalid").pathname);
  expect.soft(to?.pathname, `${label} is sent to the code`).toBe("/login/second-factor");
  expect
    .soft(to?.searchParams.get("next") ?? null, `${label} comes back to`)
    .toBe(back === "/" ? null : back);
}

/** The security pages' plain words, by name. */
type SecurityText = {
  [K in keyof SecurityWords]: SecurityWords[K] extends string ? K : never;
}[keyof SecurityWords];

/** `text` says what the security pages say, as `role` reads them: staff in English, the portal in its language. */
function expectSays(text: string, role: MatrixRole | "pending", key: SecurityText, label: string): void {
  const portal = role === "patient" || role === "family";
  const words = portal ? [SECURITY_WORDS.en[key], SECURITY_WORDS.es[key]] : [SECURITY_WORDS.en[key]];
  expect(
    words.some((w) => text.includes(w)),
    `${label} says “${SECURITY_WORDS.en[key]}”`,
  ).toBe(true);
}

test.describe("authorization matrix: the routes come from the file system", () => {
  test("every page.tsx and route.ts under app/ has a case, and every case names a route", () => {
    const routes = appRoutes();
    // The walk: route groups dropped, dynamic and catch-all segments kept, the root is "/".
    expect(routes.length).toBeGreaterThanOrEqual(50);
    expect(routes).toContainEqual({
      file: "app/(portal)/patients/[id]/care-plan/print/page.tsx",
      pattern: "/patients/[id]/care-plan/print",
    });
    expect(routes).toContainEqual({ file: "app/page.tsx", pattern: "/" });
    expect(routes).toContainEqual({
      file: "app/api/auth/[...nextauth]/route.ts",
      pattern: "/api/auth/[...nextauth]",
    });
    expect(routes).toContainEqual({ file: "app/(portal)/me/calendar/page.tsx", pattern: "/me/calendar" });

    expect(uncoveredRoutes(routes, ROUTES), "route files with no case in ROUTES").toEqual([]);
    const patterns = new Set(routes.map((r) => r.pattern));
    expect(
      ROUTES.filter((c) => !patterns.has(c.pattern)).map((c) => `${c.name}: ${c.pattern}`),
      "cases whose pattern is no route file",
    ).toEqual([]);

    // The control: the same check notices a case taken out, and a route file added without one.
    const dropped = "/patients/[id]/care-plan/print";
    expect(
      uncoveredRoutes(
        routes,
        ROUTES.filter((c) => c.pattern !== dropped),
      ),
    ).toEqual(["app/(portal)/patients/[id]/care-plan/print/page.tsx (/patients/[id]/care-plan/print)"]);
    const added = { file: "app/(portal)/patients/[id]/new-tab/page.tsx", pattern: "/patients/[id]/new-tab" };
    expect(uncoveredRoutes([...routes, added], ROUTES)).toEqual([
      "app/(portal)/patients/[id]/new-tab/page.tsx (/patients/[id]/new-tab)",
    ]);
  });

  test("every staff route can be opened on a real record by the sweep", () => {
    const sample = new Proxy({} as Ids, { get: (_, key) => `{${String(key)}}` });
    const staff = appRoutes().filter((r) => isStaffRoute(r.pattern));
    // Every route outside the portal's list is swept; the portal's list holds only what it says.
    expect(staff.length).toBeGreaterThanOrEqual(30);
    expect(staff.map((r) => r.pattern)).toContain("/calendar");
    expect(staff.map((r) => r.pattern)).not.toContain("/me/calendar");
    for (const route of staff) expect(() => sweepUrl(route.pattern, sample), route.file).not.toThrow();
    expect(sweepUrl("/patients/[id]/rights-requests/[requestId]/letter", sample)).toBe(
      "/patients/{own}/rights-requests/{decidedRequest}/letter?kind=decision",
    );
    // The control: a dynamic staff route with no value is reported, not skipped.
    expect(() => sweepUrl("/patients/[id]/goals/[goalId]", sample)).toThrow("goals/[goalId]");
  });
});

test.describe("authorization matrix: routes", () => {
  test.describe.configure({ timeout: 240_000 });
  test.beforeAll(async ({ browser }) => {
    ids = await lookUpIds(browser);
  });

  for (const role of [...ROLES, "anonymous"] as MatrixRole[]) {
    test(`${role} gets exactly the routes the policy gives them`, async ({ browser }) => {
      const request = await requestFor(browser, role);
      for (const route of ROUTES) {
        const response = await request.fetch(route.path(ids), {
          method: route.method ?? "GET",
          maxRedirects: 0,
        });
        const label = `${role} ${route.name}`;
        const sentTo = route.redirects?.[role];
        if (sentTo !== undefined) {
          expect.soft([303, 307], label).toContain(response.status());
          expect.soft(locationPath(response), label).toBe(sentTo);
        } else if (route.allowed.includes(role)) {
          expect.soft(response.status(), label).toBe(200);
        } else if (role === "anonymous" && !route.public) {
          expect.soft([303, 307], label).toContain(response.status());
          expect.soft(locationPath(response), label).toBe("/login");
        } else {
          expect.soft(response.status(), label).toBe(404);
          const body = await response.text();
          expect.soft(body, label).not.toContain(OTHER_MRN);
          expect.soft(body, label).not.toContain(OWN_MRN);
        }
      }
    });
  }
});

test.describe("authorization matrix: patient and family against every staff route @smoke", () => {
  test.describe.configure({ timeout: 240_000 });
  test.beforeAll(async ({ browser }) => {
    ids = await lookUpIds(browser);
  });

  for (const role of ["patient", "family"] as const) {
    test(`${role} gets 404 on every file-system route outside the portal, on their own record`, async ({
      browser,
    }) => {
      const portal = await requestFor(browser, role);
      const withoutControl: string[] = [];
      const staffRoutes = appRoutes().filter((r) => isStaffRoute(r.pattern));
      for (const route of staffRoutes) {
        const url = sweepUrl(route.pattern, ids);
        const label = `${role} ${url} (${route.file})`;
        const response = await portal.get(url, { maxRedirects: 0 });
        // 404 itself: not a redirect to the sign-in page, not the page.
        expect.soft(response.status(), label).toBe(404);
        expect.soft(await response.text(), label).not.toContain(OWN_MRN);
        // The control: the staff role the table lets in opens this very URL, so the 404 is the rule.
        const control = ROUTES.filter((c) => c.pattern === route.pattern && c.path(ids) === url)
          .flatMap((c) => c.allowed)
          .find((r) => r === "coordinator" || r === "advocate" || r === "admin");
        if (!control) {
          withoutControl.push(route.pattern);
          continue;
        }
        const staff = await (await requestFor(browser, control)).get(url, { maxRedirects: 0 });
        expect.soft(staff.status(), `${control} ${url}, the control`).toBe(200);
      }
      expect(staffRoutes.length).toBeGreaterThanOrEqual(30);
      expect(withoutControl, "staff routes with no case for this URL that a staff role opens").toEqual(
        OFF_FOR_EVERYONE,
      );
    });
  }
});

/**
 * What a session that still owes its second factor is answered where it is not sent to finish
 * signing in: the page that asks for the code, the sign-in page (getActor is null for it, so the
 * form shows), Auth.js's own endpoints and an invitation (no session needed), the idle dialog's
 * question (no complete session: the 401) and the benchmark's pages (off for everyone). Public
 * routes answer it as they answer anyone without a session.
 */
const PENDING_ANSWERS: Record<string, number> = {
  "/login/second-factor": 200,
  "/login": 200,
  "/api/auth/[...nextauth]": 200,
  "/invite/[token]": 200,
  "/api/session/status": 401,
  "/bench/floor": 404,
  "/bench/stats": 404,
};
const publicPattern = (pattern: string) => ROUTES.some((c) => c.pattern === pattern && c.public);

/**
 * A complete session's answer on a route, the pending sweep's control: the case at this very URL
 * if there is one, else another of the route's, with a role it lets in (or sends on).
 */
function controlFor(pattern: string, url: string, ids: Ids) {
  const cases = ROUTES.filter((c) => c.pattern === pattern).sort(
    (a, b) => Number(b.path(ids) === url) - Number(a.path(ids) === url),
  );
  for (const c of cases) {
    const role = ROLES.find((r) => c.allowed.includes(r) || c.redirects?.[r] !== undefined);
    if (role) return { role, url: c.path(ids), sentTo: c.redirects?.[role] };
  }
  return undefined;
}

test.describe("authorization matrix: a session that still owes its second factor", () => {
  test.describe.configure({ timeout: 240_000 });
  test.beforeAll(async ({ browser }) => {
    ids = await lookUpIds(browser);
  });

  test("a session that still owes its second factor opens nothing else: every route", async ({ browser }) => {
    const pending = (await pendingContext(browser)).request;
    for (const route of ROUTES) {
      const url = route.path(ids);
      const label = `pending ${route.name}`;
      const response = await pending.fetch(url, { method: route.method ?? "GET", maxRedirects: 0 });
      const answer =
        PENDING_ANSWERS[route.pattern] ??
        (route.public ? (route.allowed.includes("anonymous") ? 200 : 404) : undefined);
      if (answer === undefined) {
        expect.soft([303, 307], label).toContain(response.status());
        expectSentToCode(locationUrl(response), url, label);
      } else {
        expect.soft(response.status(), label).toBe(answer);
      }
    }
    // What the open ones say: the code is asked for, the sign-in form shows, and the idle dialog
    // hears of no session.
    expect(await (await pending.get("/login/second-factor")).text()).toContain(SECURITY_WORDS.en.verifyIntro);
    expect(await (await pending.get("/login")).text()).toContain('name="password"');
    expect(await (await pending.get("/api/session/status")).json()).toEqual({ signedIn: false });

    // Every route file as the file system has it now, on the own patient's records (the public ones
    // and those that answer are cased above). The control: a complete session of a role the table
    // lets in is answered there, so the redirect is the stage's doing, not the route's.
    const withoutControl: string[] = [];
    for (const route of appRoutes()) {
      if (PENDING_ANSWERS[route.pattern] !== undefined || publicPattern(route.pattern)) continue;
      const url = sweepUrl(route.pattern, ids);
      const label = `pending ${url} (${route.file})`;
      const response = await pending.get(url, { maxRedirects: 0 });
      expect.soft([303, 307], label).toContain(response.status());
      expectSentToCode(locationUrl(response), url, label);
      const control = controlFor(route.pattern, url, ids);
      if (!control) {
        withoutControl.push(route.pattern);
        continue;
      }
      const full = await (await requestFor(browser, control.role)).get(control.url, { maxRedirects: 0 });
      const controlLabel = `${control.role} ${control.url}, the control`;
      if (control.sentTo === undefined) expect.soft(full.status(), controlLabel).toBe(200);
      else {
        expect.soft([303, 307], controlLabel).toContain(full.status());
        expect.soft(locationPath(full), controlLabel).toBe(control.sentTo);
      }
    }
    expect(withoutControl, "routes with no case that a complete session opens").toEqual([]);
  });
});

test.describe("authorization matrix: server actions called directly", () => {
  test.describe.configure({ timeout: 120_000 });
  const run = Date.now().toString(36);

  test.beforeAll(async ({ browser }) => {
    ids = await lookUpIds(browser);
  });

  const label = (role: MatrixRole, key: string, path: string) =>
    `${role} calling ${key.split("#")[1]} on ${path}`;

  /**
   * A call the policy must refuse, and the refusal itself: a signed-in caller gets the 404 and
   * nothing else; without a session the proxy sends the call to the sign-in page.
   */
  async function refuse(
    role: MatrixRole,
    browser: Browser,
    key: string,
    path: string,
    args: unknown[],
    form: Record<string, string> = {},
  ): Promise<APIResponse> {
    const response = await postAction(await requestFor(browser, role), key, path, args, form);
    if (role === "anonymous") {
      expect(response.status(), `${label(role, key, path)} is sent to sign in`).toBe(303);
      expect(locationPath(response)).toBe("/login");
    } else {
      expect(response.status(), `${label(role, key, path)} is refused with the 404`).toBe(404);
    }
    return response;
  }

  /** The positive control: the same call from the role the policy allows goes through. */
  async function accept(
    role: MatrixRole,
    browser: Browser,
    key: string,
    path: string,
    args: unknown[],
    form: Record<string, string> = {},
  ): Promise<APIResponse> {
    const response = await postAction(await requestFor(browser, role), key, path, args, form);
    expect(response.status(), `${label(role, key, path)} goes through`).toBe(200);
    return response;
  }

  /** Each role refused or accepted, as `allowed` says. */
  async function callAs(
    role: MatrixRole,
    allowed: readonly MatrixRole[],
    browser: Browser,
    key: string,
    path: string,
    args: unknown[],
    form: Record<string, string> = {},
  ): Promise<APIResponse> {
    return (allowed.includes(role) ? accept : refuse)(role, browser, key, path, args, form);
  }

  async function adminPage(browser: Browser) {
    return (await browser.newContext({ storageState: storageFor("admin") })).newPage();
  }

  /**
   * The id a page's form binds to its action (`action.bind(null, id)`), read from what the
   * browser would send: the form is submitted with the request held back.
   */
  async function boundIdOf(page: Page, submit: () => Promise<void>): Promise<string> {
    let body = "";
    const hold = async (route: Route) => {
      if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
        body = route.request().postDataBuffer()?.toString("utf8") ?? "";
        await route.abort();
      } else await route.continue();
    };
    await page.route("**/*", hold);
    await submit();
    await expect.poll(() => body, { message: "the form's action call" }).not.toBe("");
    await page.unroute("**/*", hold);
    // The root part "0" is the argument list, bound arguments first.
    const root = /name="0"\r\n\r\n([^\r]*)/.exec(body)?.[1] ?? body;
    const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(root)?.[0];
    expect(id, "the bound id in the call").toBeTruthy();
    return id!;
  }

  test("createUserAction: only an admin creates accounts", async ({ browser }) => {
    for (const role of EVERYONE) {
      const email = `matrix-${role}-${run}@carebridge.example`;
      await callAs(
        role,
        ["admin"],
        browser,
        "app/(portal)/admin/users/actions.ts#createUserAction",
        "/admin/users/new",
        [{}, FORM],
        {
          name: `Matrix ${role}`,
          email,
          role: "coordinator",
          password: "a long matrix password 2026",
        },
      );
      const admin = await adminPage(browser);
      await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
      if (role === "admin") await expect(admin.getByRole("link", { name: `Matrix ${role}` })).toBeVisible();
      else await expect(admin.getByText("No account matches.")).toBeVisible();
    }
  });

  /** An account of the test's own (a coordinator), made by the admin through the action. */
  async function matrixAccount(browser: Browser, name: string) {
    const email = `matrix-${name.toLowerCase().replace(/\W+/g, "-")}-${run}@carebridge.example`;
    const password = "a long matrix password 2026";
    await accept(
      "admin",
      browser,
      "app/(portal)/admin/users/actions.ts#createUserAction",
      "/admin/users/new",
      [{}, FORM],
      {
        name: `${name} ${run}`,
        email,
        role: "coordinator",
        password,
      },
    );
    const admin = await adminPage(browser);
    await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    const id = (await admin.getByRole("link", { name: `${name} ${run}` }).getAttribute("href"))!
      .split("/")
      .at(-1)!;
    return { admin, id, email, password };
  }

  test("user management actions on someone else's account: only an admin", async ({ browser }) => {
    const { admin, id: targetId } = await matrixAccount(browser, "Matrix Target");
    const path = `/admin/users/${targetId}`;
    const attempts: [string, Record<string, string>][] = [
      ["updateRoleAction", { role: "advocate", version: "1" }],
      ["setActiveAction", { active: "false", version: "1" }],
      ["assignCaseloadAction", { patientMrn: OTHER_MRN }],
      ["resetPasswordAction", { password: "another long password 2026" }],
    ];
    for (const role of ["coordinator", "advocate", "patient", "family", "anonymous"] as MatrixRole[]) {
      for (const [name, form] of attempts) {
        await refuse(
          role,
          browser,
          `app/(portal)/admin/users/actions.ts#${name}`,
          path,
          [targetId, {}, FORM],
          form,
        );
      }
    }
    await admin.goto(path);
    await expect(admin.getByText(/Care coordinator · Active/)).toBeVisible();
    await expect(admin.getByText("No patients yet.")).toBeVisible();
    await admin.goto(`/admin/audit?action=user.password-reset`);
    await expect(admin.getByRole("cell", { name: targetId })).toHaveCount(0);

    // The same calls from the admin do take effect: the test can tell the difference.
    await accept(
      "admin",
      browser,
      "app/(portal)/admin/users/actions.ts#assignCaseloadAction",
      path,
      [targetId, {}, FORM],
      {
        patientMrn: OTHER_MRN,
      },
    );
    await admin.goto(path);
    await expect(admin.getByRole("cell", { name: OTHER_MRN, exact: true })).toBeVisible();
  });

  test("endCaseloadAction: only an admin takes a patient out of a caseload", async ({ browser }) => {
    // A caseload of the test's own, so the admin's control ends nobody else's assignment.
    const { admin, id: targetId } = await matrixAccount(browser, "Matrix Caseload");
    const path = `/admin/users/${targetId}`;
    await accept(
      "admin",
      browser,
      "app/(portal)/admin/users/actions.ts#assignCaseloadAction",
      path,
      [targetId, {}, FORM],
      { patientMrn: OTHER_MRN },
    );
    await admin.goto(path);
    const assignmentId = await admin.locator('input[name="assignmentId"]').first().getAttribute("value");
    expect(assignmentId, "the assignment to end").toBeTruthy();
    for (const role of ["coordinator", "advocate", "patient", "family", "anonymous"] as MatrixRole[]) {
      await refuse(
        role,
        browser,
        "app/(portal)/admin/users/actions.ts#endCaseloadAction",
        path,
        [targetId, {}, FORM],
        {
          assignmentId: assignmentId!,
        },
      );
    }
    await admin.goto(path);
    await expect(admin.locator(`input[name="assignmentId"][value="${assignmentId}"]`)).toHaveCount(1);
    await accept(
      "admin",
      browser,
      "app/(portal)/admin/users/actions.ts#endCaseloadAction",
      path,
      [targetId, {}, FORM],
      { assignmentId: assignmentId! },
    );
    await admin.goto(path);
    await expect(admin.locator(`input[name="assignmentId"][value="${assignmentId}"]`)).toHaveCount(0);
  });

  test("transferCaseloadAction: only an admin moves a caseload", async ({ browser }) => {
    // Two accounts of the test's own, so the move takes nobody else's patients.
    const { admin, id: fromId } = await matrixAccount(browser, "Matrix Move From");
    const { id: toId } = await matrixAccount(browser, "Matrix Move To");
    await accept(
      "admin",
      browser,
      "app/(portal)/admin/users/actions.ts#assignCaseloadAction",
      `/admin/users/${fromId}`,
      [fromId, {}, FORM],
      { patientMrn: OTHER_MRN },
    );
    const path = `/admin/users/${fromId}/transfer`;
    const form = { toUserId: toId, patientId: ids.other };
    for (const role of ["coordinator", "advocate", "patient", "family", "anonymous"] as MatrixRole[]) {
      await refuse(
        role,
        browser,
        "app/(portal)/admin/users/actions.ts#transferCaseloadAction",
        path,
        [fromId, {}, FORM],
        form,
      );
    }
    await admin.goto(`/admin/users/${toId}`);
    await expect(admin.getByText("No patients yet.")).toBeVisible();
    await accept(
      "admin",
      browser,
      "app/(portal)/admin/users/actions.ts#transferCaseloadAction",
      path,
      [fromId, {}, FORM],
      form,
    );
    await admin.goto(`/admin/users/${toId}`);
    await expect(admin.getByRole("cell", { name: OTHER_MRN, exact: true })).toBeVisible();
    await admin.goto(`/admin/users/${fromId}`);
    await expect(admin.getByText("No patients yet.")).toBeVisible();
  });

  test("requestEmergencyAccessAction: only coordinators and advocates break the glass", async ({
    browser,
  }) => {
    for (const role of EVERYONE) {
      await callAs(
        role,
        STAFF,
        browser,
        "app/(portal)/emergency-access/actions.ts#requestEmergencyAccessAction",
        "/emergency-access",
        [{}, FORM],
        {
          patientMrn: "CB-100003",
          reason: `matrix ${role} ${run} needs this record`,
          confirm: "on",
        },
      );
    }
    const admin = await adminPage(browser);
    await admin.goto("/admin/emergency-access?status=all");
    for (const role of EVERYONE) {
      const shown = admin.getByText(`matrix ${role} ${run} needs this record`);
      if (role === "coordinator" || role === "advocate") await expect(shown).toBeVisible();
      else await expect(shown).toHaveCount(0);
    }
  });

  test("reviewEmergencyAccessAction: only an admin reviews", async ({ browser }) => {
    // A grant of the test's own: the advocate breaks the glass, the audit trail names the grant.
    await accept(
      "advocate",
      browser,
      "app/(portal)/emergency-access/actions.ts#requestEmergencyAccessAction",
      "/emergency-access",
      [{}, FORM],
      { patientMrn: "CB-100003", reason: `matrix review ${run} needs this record`, confirm: "on" },
    );
    const admin = await adminPage(browser);
    await admin.goto("/admin/audit?patient=CB-100003&action=emergency-access.grant");
    const entity = await admin
      .getByRole("cell", { name: /^emergency_access_grant / })
      .first()
      .textContent();
    const grantId = entity!.replace("emergency_access_grant", "").trim();
    for (const role of ["coordinator", "advocate", "patient", "family", "anonymous"] as MatrixRole[]) {
      await refuse(
        role,
        browser,
        "app/(portal)/admin/actions.ts#reviewEmergencyAccessAction",
        "/admin/emergency-access",
        [grantId, {}, FORM],
        { note: `matrix says fine ${role} ${run}` },
      );
    }
    await admin.goto("/admin/emergency-access?status=all");
    const item = admin.getByRole("listitem").filter({ hasText: `matrix review ${run} needs this record` });
    await expect(item.getByRole("button", { name: "Record review" })).toBeVisible();
    await expect(admin.getByText(new RegExp(`matrix says fine .* ${run}`))).toHaveCount(0);
    // The admin's review of the same grant is recorded.
    await accept(
      "admin",
      browser,
      "app/(portal)/admin/actions.ts#reviewEmergencyAccessAction",
      "/admin/emergency-access",
      [grantId, {}, FORM],
      { note: `matrix says fine admin ${run}` },
    );
    await admin.reload();
    await expect(item).toContainText(`matrix says fine admin ${run}`);
  });

  test("retryNotificationAction: only an admin sends a notification again", async ({ browser }) => {
    const FILE = "app/(portal)/admin/outbox/actions.ts";
    // An email to Maria's side, written by a message her coordinator shares with her.
    await accept(
      "coordinator",
      browser,
      "app/(portal)/patients/[id]/messages/actions.ts#startThreadAction",
      `/patients/${ids.own}/messages`,
      [ids.own, {}, FORM],
      { subject: `matrix outbox ${run}`, body: "matrix message", shared: "on" },
    );
    const admin = await adminPage(browser);
    await admin.goto("/admin/outbox?channel=email");
    const rowId = await admin.locator("tbody tr").first().getAttribute("id");
    expect(rowId, "an email in the outbox").toMatch(/^notification-/);
    const notificationId = rowId!.replace("notification-", "");
    for (const role of ["coordinator", "advocate", "patient", "family", "anonymous"] as MatrixRole[]) {
      await refuse(role, browser, `${FILE}#retryNotificationAction`, "/admin/outbox", [
        notificationId,
        {},
        FORM,
      ]);
    }
    // The admin's call reaches the domain, which sends again only a notification that failed
    // (the demo's emails do not fail): its refusal, not the 404.
    const response = await accept("admin", browser, `${FILE}#retryNotificationAction`, "/admin/outbox", [
      notificationId,
      {},
      FORM,
    ]);
    expect(await response.text()).toContain(
      "Only a notification that failed after its last try can be sent again",
    );
  });

  test("appointment actions: only the patient's coordinator books, moves, cancels or sets status", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/patients/[id]/appointments/actions.ts";
    const day = orgDate(120);
    const booking = (title: string, hour: number) => ({
      kind: "test",
      title,
      location: "Lab",
      startsAt: `${day}T${String(hour).padStart(2, "0")}:00`,
      endsAt: `${day}T${String(hour).padStart(2, "0")}:30`,
      repeat: "none",
      occurrences: "2",
    });
    for (const [i, role] of EVERYONE.entries()) {
      await callAs(
        role,
        ["coordinator"],
        browser,
        `${FILE}#bookAppointmentAction`,
        `/patients/${ids.own}/appointments`,
        [ids.own, {}, FORM],
        booking(`matrix ${role} ${run}`, 8 + i),
      );
      // And never on a patient outside the caseload.
      await refuse(
        role,
        browser,
        `${FILE}#bookAppointmentAction`,
        `/patients/${ids.other}/appointments`,
        [ids.other, {}, FORM],
        booking(`matrix other ${role} ${run}`, 8 + i),
      );
    }
    const coordinator = await (
      await browser.newContext({ storageState: storageFor("coordinator") })
    ).newPage();
    await coordinator.goto(`/patients/${ids.own}/appointments`);
    for (const role of EVERYONE) {
      const shown = coordinator.getByRole("heading", { name: new RegExp(`matrix ${role} ${run}`) });
      if (role === "coordinator") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/appointments`);
    await expect(
      coordinator2.getByRole("heading", { name: new RegExp(`matrix other .* ${run}`) }),
    ).toHaveCount(0);

    // The coordinator's own booking, attacked through the other three actions by everyone else.
    const item = coordinator.getByRole("listitem").filter({ hasText: `matrix coordinator ${run}` });
    await item.getByText(/^Change “/).click();
    const version = await item.locator('input[name="version"]').first().inputValue();
    // This booking's own card: the first card on the page is some other appointment.
    const appointmentId = /^appointment-([0-9a-f-]{36})$/.exec((await item.getAttribute("id")) ?? "")?.[1];
    expect(appointmentId, "the card carries its id").toBeTruthy();
    const path = `/patients/${ids.own}/appointments`;
    for (const role of ["admin", "advocate", "patient", "family", "anonymous"] as MatrixRole[]) {
      await refuse(role, browser, `${FILE}#rescheduleAppointmentAction`, path, [appointmentId, {}, FORM], {
        startsAt: `${day}T18:00`,
        endsAt: `${day}T18:30`,
        version,
      });
      await refuse(role, browser, `${FILE}#setAppointmentStatusAction`, path, [appointmentId, {}, FORM], {
        status: "no-show",
        version,
      });
      await refuse(role, browser, `${FILE}#cancelAppointmentAction`, path, [appointmentId, {}, FORM], {
        reason: "matrix attack",
        version,
      });
    }
    await coordinator.reload();
    const after = coordinator.getByRole("listitem").filter({ hasText: `matrix coordinator ${run}` });
    await expect(after).toContainText("scheduled");
    await expect(after).not.toContainText("matrix attack");
    await expect(after).not.toContainText("6:00");
    // The coordinator's own cancellation of it goes through.
    await accept("coordinator", browser, `${FILE}#cancelAppointmentAction`, path, [appointmentId, {}, FORM], {
      reason: `matrix cancelled by the coordinator ${run}`,
      version,
    });
    await coordinator.reload();
    await expect(after).toContainText(`Cancelled: matrix cancelled by the coordinator ${run}`);
  });

  test("message actions: only the care team's staff post and reply", async ({ browser }) => {
    const FILE = "app/(portal)/patients/[id]/messages/actions.ts";
    for (const role of EVERYONE) {
      for (const patient of [ids.own, ids.other]) {
        await callAs(
          role,
          patient === ids.own ? STAFF : [],
          browser,
          `${FILE}#startThreadAction`,
          `/patients/${patient}/messages`,
          [patient, {}, FORM],
          {
            subject: `matrix ${role} ${patient === ids.own ? "own" : "other"} ${run}`,
            body: "matrix message",
          },
        );
      }
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/messages`);
    for (const role of EVERYONE) {
      const shown = advocate.getByText(`matrix ${role} own ${run}`);
      if (role === "coordinator" || role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/messages`);
    await expect(coordinator2.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);

    // Replies into the coordinator's thread from everyone who is not on the team; then the advocate's.
    const threadId = (await advocate
      .locator("details")
      .filter({ hasText: `matrix coordinator own ${run}` })
      .getAttribute("id"))!.replace("thread-", "");
    for (const role of ["admin", "patient", "family", "anonymous", "advocate"] as MatrixRole[]) {
      await callAs(
        role,
        STAFF,
        browser,
        `${FILE}#replyAction`,
        `/patients/${ids.own}/messages`,
        [threadId, {}, FORM],
        {
          body: `matrix reply ${role} ${run}`,
        },
      );
    }
    await advocate.reload();
    await expect(
      advocate.getByText(new RegExp(`matrix reply (admin|patient|family|anonymous) ${run}`)),
    ).toHaveCount(0);
    await expect(advocate.getByText(`matrix reply advocate ${run}`)).toHaveCount(1);
  });

  test("update actions: only the patient's coordinator writes updates", async ({ browser }) => {
    const FILE = "app/(portal)/patients/[id]/updates/actions.ts";
    for (const role of EVERYONE) {
      await callAs(
        role,
        ["coordinator"],
        browser,
        `${FILE}#createUpdateAction`,
        `/patients/${ids.own}/updates`,
        [ids.own, null, {}, FORM],
        {
          title: `matrix update ${role} ${run}`,
          progress: "Matrix progress text long enough.",
        },
      );
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/updates`);
    for (const role of EVERYONE) {
      const shown = advocate.getByRole("heading", { name: `matrix update ${role} ${run}` });
      if (role === "coordinator") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
  });

  test("care plan actions: only the patient's coordinator changes a plan", async ({ browser }) => {
    const FILE = "app/(portal)/patients/[id]/care-plan/actions.ts";
    const coordinator = await (
      await browser.newContext({ storageState: storageFor("coordinator") })
    ).newPage();
    const open = async () => {
      // The plan's details form carries its version (an active plan's other forms open on request).
      await coordinator.goto(`/patients/${ids.own}/care-plan?edit=details`);
      const href = await coordinator
        .getByRole("link", { name: "Print for the patient and family" })
        .getAttribute("href");
      return {
        planId: new URL(href!, "http://x").searchParams.get("plan")!,
        version: await coordinator.locator('input[name="version"]').first().inputValue(),
      };
    };
    const { planId, version } = await open();
    const path = `/patients/${ids.own}/care-plan`;
    const outsiders = ["admin", "advocate", "patient", "family", "anonymous"] as MatrixRole[];
    const attempts: [string, unknown[], Record<string, string>][] = [
      ["addPlanItemAction", [planId, "problem", {}, FORM], { description: `matrix problem ${run}`, version }],
      [
        "updatePlanDetailsAction",
        [planId, {}, FORM],
        { title: `matrix title ${run}`, reviewDate: "2027-06-01", version },
      ],
      ["transitionPlanAction", [planId, "revoked", {}, FORM], { reason: `matrix revoke ${run}`, version }],
      ["saveTemplateAction", [planId, {}, FORM], { name: `matrix template ${run}`, description: "matrix" }],
      ["startPlanAction", [ids.other, {}, FORM], { title: `matrix start ${run}`, reviewDate: "2027-06-01" }],
    ];
    for (const role of outsiders) {
      for (const [name, args, form] of attempts)
        await refuse(role, browser, `${FILE}#${name}`, path, args, form);
    }
    // The coordinator may not start a plan for a patient outside the caseload either.
    await refuse("coordinator", browser, `${FILE}#startPlanAction`, path, [ids.other, {}, FORM], {
      title: `matrix start ${run}`,
      reviewDate: "2027-06-01",
    });
    expect((await open()).version, "nothing was saved").toBe(version);
    await expect(coordinator.getByText(new RegExp(`matrix .* ${run}`))).toHaveCount(0);
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/care-plan`);
    await expect(coordinator2.getByText(`matrix start ${run}`)).toHaveCount(0);

    // The same call from the coordinator does take effect; then nobody else can edit or remove it.
    await accept("coordinator", browser, `${FILE}#addPlanItemAction`, path, [planId, "problem", {}, FORM], {
      description: `matrix problem ${run}`,
      version,
    });
    const added = await open();
    const item = coordinator.locator("li[id^='problem-']").filter({ hasText: `matrix problem ${run}` });
    const itemId = (await item.getAttribute("id"))!.replace("problem-", "");
    for (const role of outsiders) {
      await refuse(role, browser, `${FILE}#editPlanItemAction`, path, [planId, "problem", itemId, {}, FORM], {
        description: `matrix edited ${run}`,
        version: added.version,
      });
      await refuse(
        role,
        browser,
        `${FILE}#removePlanItemAction`,
        path,
        [planId, "problem", itemId, {}, FORM],
        {
          version: added.version,
        },
      );
    }
    expect((await open()).version).toBe(added.version);
    await expect(item).toBeVisible();
    await accept(
      "coordinator",
      browser,
      `${FILE}#removePlanItemAction`,
      path,
      [planId, "problem", itemId, {}, FORM],
      {
        version: added.version,
      },
    );
    await open();
    await expect(item).toHaveCount(0);
  });

  test("concern actions: only the patient's advocate records and moves concerns", async ({ browser }) => {
    const FILE = CONCERN_ACTIONS;
    for (const role of EVERYONE) {
      for (const patient of [ids.own, ids.other]) {
        await callAs(
          role,
          patient === ids.own ? ["advocate"] : [],
          browser,
          `${FILE}#intakeConcernAction`,
          `/patients/${patient}/concerns`,
          [patient, {}, FORM],
          {
            raisedBy: "patient",
            category: "other",
            severity: "low",
            whatHappened: `matrix ${role} ${patient === ids.own ? "own" : "other"} ${run}`,
            desiredOutcome: "matrix outcome",
          },
        );
      }
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/concerns`);
    for (const role of EVERYONE) {
      const shown = advocate.getByText(`matrix ${role} own ${run}`);
      if (role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/concerns`);
    await expect(coordinator2.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);

    // The advocate's own new concern, attacked through every other action by everyone else.
    const href = await advocate
      .getByRole("row")
      .filter({ hasText: `matrix advocate own ${run}` })
      .getByRole("link")
      .getAttribute("href");
    const concernId = href!.split("/").at(-1)!;
    await advocate.goto(href!);
    const version = await advocate.locator('input[name="version"]').first().inputValue();
    const path = `/patients/${ids.own}/concerns/${concernId}`;
    const attempts: [string, unknown[], Record<string, string>][] = [
      [
        "transitionConcernAction",
        [concernId, "acknowledged", {}, FORM],
        { note: `matrix note ${run}`, version },
      ],
      [
        "interimNoticeAction",
        [concernId, {}, FORM],
        { expectedBy: "2099-01-01", message: `matrix interim ${run}`, version },
      ],
      ["confidentialAction", [concernId, {}, FORM], { confidential: "on", version }],
      ["assignConcernAction", [concernId, {}, FORM], { advocateId: ids.staffUser, version }],
      [
        "resolveConcernAction",
        [concernId, {}, FORM],
        {
          responseContact: "matrix contact",
          responseSteps: "matrix steps taken",
          responseResults: "matrix results found",
          responseCompletedOn: orgDate(),
          version,
        },
      ],
    ];
    for (const role of ["admin", "coordinator", "patient", "family", "anonymous"] as MatrixRole[]) {
      for (const [name, args, form] of attempts)
        await refuse(role, browser, `${FILE}#${name}`, path, args, form);
    }
    await advocate.reload();
    await expect(advocate.getByRole("heading", { name: "Other: Open" })).toBeVisible();
    expect(await advocate.locator('input[name="version"]').first().inputValue()).toBe(version);
    await expect(advocate.getByText(new RegExp(`matrix (note|interim) ${run}`))).toHaveCount(0);
    // The same move from the advocate does take effect.
    await accept(
      "advocate",
      browser,
      `${FILE}#transitionConcernAction`,
      path,
      [concernId, "acknowledged", {}, FORM],
      {
        note: `matrix note ${run}`,
        version,
      },
    );
    await advocate.reload();
    await expect(advocate.getByRole("heading", { name: "Other: Acknowledged" })).toBeVisible();
  });

  test("savePreferencesAction (staff): only the patient's advocate; the patient writes through /me", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/patients/[id]/preferences/actions.ts";
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    const version = async () => {
      await advocate.goto(`/patients/${ids.own}/preferences`);
      return advocate.locator('input[name="version"]').inputValue();
    };
    const before = await version();
    const save = (role: MatrixRole, patient: string, v: string, allowed: MatrixRole[] = []) =>
      callAs(
        role,
        allowed,
        browser,
        `${FILE}#savePreferencesAction`,
        `/patients/${patient}/preferences`,
        [patient, {}, FORM],
        {
          whatMattersMost: `matrix ${role} ${run}`,
          version: v,
        },
      );
    // The patient and her daughter hold no staff permission, even on her own record.
    for (const role of ["admin", "coordinator", "patient", "family", "anonymous"] as MatrixRole[])
      await save(role, ids.own, before);
    await save("advocate", ids.other, "0");
    await save("patient", ids.other, "0");
    expect(await version()).toBe(before);
    await expect(advocate.getByText(new RegExp(`matrix .* ${run}`))).toHaveCount(0);
    // The advocate's save does take effect.
    await save("advocate", ids.own, before, ["advocate"]);
    expect(await version()).toBe(String(Number(before) + 1));
    await expect(advocate.getByRole("region", { name: "Who changed what" })).toContainText(
      `matrix advocate ${run}`,
    );
  });

  test("representation log actions: only the patient's advocate logs and completes follow-ups", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/patients/[id]/advocacy/actions.ts";
    const today = orgDate();
    for (const role of EVERYONE) {
      for (const patient of [ids.own, ids.other]) {
        await callAs(
          role,
          patient === ids.own ? ["advocate"] : [],
          browser,
          `${FILE}#logInteractionAction`,
          `/patients/${patient}/advocacy`,
          [patient, {}, FORM],
          {
            counterpartType: "insurer",
            organisation: `matrix ${role} ${patient === ids.own ? "own" : "other"} ${run}`,
            occurredOn: today,
            channel: "phone",
            asked: "matrix asked",
            followUpOn: orgDate(30),
          },
        );
      }
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/advocacy`);
    for (const role of EVERYONE) {
      const shown = advocate.getByRole("heading", { name: `Insurer: matrix ${role} own ${run}` });
      if (role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    await expect(advocate.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
    const entry = advocate
      .locator("li[id^='interaction-']")
      .filter({ hasText: `matrix advocate own ${run}` });
    const interactionId = (await entry.getAttribute("id"))!.replace("interaction-", "");
    const done = (role: MatrixRole) =>
      callAs(
        role,
        ["advocate"],
        browser,
        `${FILE}#completeFollowUpAction`,
        `/patients/${ids.own}/advocacy`,
        [interactionId, {}, FORM],
        {
          version: "1",
        },
      );
    for (const role of ["admin", "coordinator", "patient", "family", "anonymous"] as MatrixRole[])
      await done(role);
    await advocate.reload();
    await expect(entry.getByRole("button", { name: "Mark follow-up done" })).toBeVisible();
    await done("advocate");
    await advocate.reload();
    await expect(entry.getByRole("button", { name: "Mark follow-up done" })).toHaveCount(0);
  });

  test("resource actions: only advocates maintain the library and give resources to their patients", async ({
    browser,
  }) => {
    const LIBRARY = "app/(portal)/resources/actions.ts";
    for (const role of EVERYONE)
      await callAs(role, ["advocate"], browser, `${LIBRARY}#addResourceAction`, "/resources", [{}, FORM], {
        title: `matrix resource ${role} ${run}`,
        category: "other",
        summary: "A matrix resource summary long enough to pass.",
        language: "en",
      });
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto("/resources");
    for (const role of EVERYONE) {
      const shown = advocate.getByRole("heading", { name: new RegExp(`matrix resource ${role} ${run}`) });
      if (role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    const archive = advocate.locator("form").filter({ hasText: `Archive “matrix resource advocate ${run}”` });
    await expect(archive).toHaveCount(1);
    // Give it to the own patient: only the advocate; archive it: only the advocate.
    await advocate.goto(`/patients/${ids.own}/advocacy`);
    const resourceId = await advocate
      .getByRole("combobox", { name: "Resource" })
      .locator("option", { hasText: `matrix resource advocate ${run}` })
      .getAttribute("value");
    const GIVE = "app/(portal)/patients/[id]/advocacy/actions.ts";
    for (const role of EVERYONE)
      await callAs(
        role,
        ["advocate"],
        browser,
        `${GIVE}#giveResourceAction`,
        `/patients/${ids.own}/advocacy`,
        [ids.own, {}, FORM],
        {
          resourceId: resourceId!,
          note: `matrix given ${role} ${run}`,
        },
      );
    await advocate.reload();
    for (const role of EVERYONE) {
      const shown = advocate.getByText(`matrix given ${role} ${run}`);
      if (role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    for (const role of ["admin", "coordinator", "patient", "family", "anonymous"] as MatrixRole[])
      await refuse(
        role,
        browser,
        `${LIBRARY}#archiveResourceAction`,
        "/resources",
        [resourceId, {}, FORM],
        {},
      );
    await advocate.goto("/resources");
    await expect(
      advocate.getByRole("heading", { name: new RegExp(`matrix resource advocate ${run}`) }),
    ).toHaveCount(1);
    await accept(
      "advocate",
      browser,
      `${LIBRARY}#archiveResourceAction`,
      "/resources",
      [resourceId, {}, FORM],
      {},
    );
    await advocate.reload();
    await expect(
      advocate.getByRole("heading", { name: new RegExp(`matrix resource advocate ${run}`) }),
    ).toHaveCount(0);
  });

  test("rights request actions: only the patient's advocate records and decides requests", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/patients/[id]/rights-requests/actions.ts";
    const today = orgDate();
    for (const role of EVERYONE) {
      for (const patient of [ids.own, ids.other]) {
        await callAs(
          role,
          patient === ids.own ? ["advocate"] : [],
          browser,
          `${FILE}#fileRightsRequestAction`,
          `/patients/${patient}/rights-requests`,
          [patient, {}, FORM],
          {
            type: "access",
            receivedOn: today,
            details: `matrix ${role} ${patient === ids.own ? "own" : "other"} ${run}`,
          },
        );
      }
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/rights-requests`);
    for (const role of EVERYONE) {
      const shown = advocate.getByText(`matrix ${role} own ${run}`);
      if (role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    await expect(advocate.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
    const card = advocate.locator("li[id^='request-']").filter({ hasText: `matrix advocate own ${run}` });
    const requestId = (await card.getAttribute("id"))!.replace("request-", "");
    const version = await card.locator('input[name="version"]').first().inputValue();
    const path = `/patients/${ids.own}/rights-requests`;
    for (const role of ["admin", "coordinator", "patient", "family", "anonymous"] as MatrixRole[]) {
      await refuse(role, browser, `${FILE}#decideRightsRequestAction`, path, [requestId, {}, FORM], {
        decision: "granted",
        decidedOn: today,
        version,
      });
      await refuse(role, browser, `${FILE}#extendRightsRequestAction`, path, [requestId, {}, FORM], {
        reason: "matrix extension reason",
        notifiedOn: today,
        version,
      });
    }
    await advocate.reload();
    await expect(card).not.toContainText("Granted on");
    await expect(card).not.toContainText("(extended)");
    await accept("advocate", browser, `${FILE}#decideRightsRequestAction`, path, [requestId, {}, FORM], {
      decision: "granted",
      decidedOn: today,
      version,
    });
    await advocate.reload();
    await expect(card).toContainText("Granted on");
  });

  test("disclosure actions: the patient's staff keep the log, only the advocate produces an accounting", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/patients/[id]/disclosures/actions.ts";
    const today = orgDate();
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/disclosures`);
    const accountingsBefore = await advocate.getByRole("link", { name: /^Accounting of / }).count();
    for (const role of EVERYONE) {
      for (const patient of [ids.own, ids.other]) {
        const own = patient === ids.own;
        const who = `matrix ${role} ${own ? "own" : "other"} ${run}`;
        await callAs(
          role,
          own ? STAFF : [],
          browser,
          `${FILE}#recordDisclosureAction`,
          `/patients/${patient}/disclosures`,
          [patient, {}, FORM],
          {
            disclosedOn: today,
            recipient: who,
            description: "matrix description",
            purpose: "matrix purpose",
          },
        );
        await callAs(
          role,
          own ? ["advocate"] : [],
          browser,
          `${FILE}#produceAccountingAction`,
          `/patients/${patient}/disclosures`,
          [patient, {}, FORM],
          {
            periodFrom: today,
          },
        );
      }
    }
    await advocate.reload();
    for (const role of EVERYONE) {
      const shown = advocate.getByRole("heading", { name: `matrix ${role} own ${run}` });
      if (role === "coordinator" || role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    await expect(advocate.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
    expect(
      await advocate.getByRole("link", { name: /^Accounting of / }).count(),
      "the advocate's accounting, and not the coordinator's nor anyone else's",
    ).toBe(accountingsBefore + 1);
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/disclosures`);
    await expect(coordinator2.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
    await expect(coordinator2.getByRole("link", { name: /^Accounting of / })).toHaveCount(0);

    const card = advocate.locator("li[id^='disclosure-']").filter({ hasText: `matrix advocate own ${run}` });
    const disclosureId = (await card.getAttribute("id"))!.replace("disclosure-", "");
    const path = `/patients/${ids.own}/disclosures`;
    for (const role of ["admin", "patient", "family", "anonymous"] as MatrixRole[])
      await refuse(role, browser, `${FILE}#voidDisclosureAction`, path, [disclosureId, {}, FORM], {
        reason: "matrix says void",
      });
    await advocate.reload();
    await expect(card).not.toContainText("Voided");
    await accept("coordinator", browser, `${FILE}#voidDisclosureAction`, path, [disclosureId, {}, FORM], {
      reason: "matrix says void",
    });
    await advocate.reload();
    await expect(card).toContainText("matrix says void");
  });

  test("conversation actions: the patient and family with the messages scope write; only the care team manages", async ({
    browser,
  }) => {
    const PORTAL = "app/(portal)/me/messages/actions.ts";
    const STAFF_FILE = "app/(portal)/patients/[id]/messages/actions.ts";
    for (const role of EVERYONE) {
      for (const patient of [ids.own, ids.other]) {
        const own = patient === ids.own;
        const who = `talk ${role} ${own ? "own" : "other"} ${run}`;
        await callAs(
          role,
          own ? ["patient", "family"] : [],
          browser,
          `${PORTAL}#startConversationAction`,
          "/me/messages",
          [patient, {}, FORM],
          { topic: "other", subject: who, body: "matrix message" },
        );
        // The own patient's conversation named under either patient: only her side, and only under hers.
        await callAs(
          role,
          own ? ["patient", "family"] : [],
          browser,
          `${PORTAL}#replyConversationAction`,
          `/me/messages/${ids.conversation}`,
          [patient, ids.conversation, {}, FORM],
          { body: `answer from ${role} ${own ? "own" : "other"} ${run}` },
        );
        await callAs(
          role,
          own ? ["patient", "family"] : [],
          browser,
          `${PORTAL}#markConversationReadAction`,
          `/me/messages/${ids.conversation}`,
          [patient, ids.conversation, ...ids.conversationShown],
        );
      }
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/messages`);
    for (const role of EVERYONE) {
      const shown = advocate.getByText(`talk ${role} own ${run}`, { exact: true });
      if (role === "patient" || role === "family") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    await expect(advocate.getByText(new RegExp(`talk .* other ${run}`))).toHaveCount(0);
    await expect(
      advocate.getByText(new RegExp(`answer from (admin|coordinator|advocate|anonymous) .* ${run}`)),
    ).toHaveCount(0);
    await expect(advocate.getByText(`answer from family own ${run}`)).toHaveCount(1);

    // Staff manage the patient's own new conversation; nobody else does.
    const threadId = (await advocate
      .locator("details")
      .filter({ hasText: `talk patient own ${run}` })
      .getAttribute("id"))!.replace("thread-", "");
    const path = `/patients/${ids.own}/messages`;
    for (const role of ["admin", "patient", "family", "anonymous"] as MatrixRole[]) {
      await refuse(role, browser, `${STAFF_FILE}#assignConversationAction`, path, [threadId, {}, FORM], {
        assignee: ids.staffUser,
        version: "1",
      });
      await refuse(role, browser, `${STAFF_FILE}#closeConversationAction`, path, [threadId, {}, FORM], {
        version: "1",
      });
      await refuse(role, browser, `${STAFF_FILE}#reopenConversationAction`, path, [threadId, {}, FORM], {
        version: "1",
      });
    }
    await advocate.reload();
    const thread = advocate.locator("details").filter({ hasText: `talk patient own ${run}` });
    await expect(thread.locator("summary")).toContainText("(open)");
    await accept(
      "coordinator",
      browser,
      `${STAFF_FILE}#closeConversationAction`,
      path,
      [threadId, {}, FORM],
      {
        version: "1",
      },
    );
    await advocate.reload();
    await expect(thread.locator("summary")).toContainText("(closed)");
  });

  test("portal actions: the patient raises concerns and files requests; family raise concerns when allowed", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/me/actions.ts";
    for (const role of EVERYONE) {
      for (const patient of [ids.own, ids.other]) {
        const own = patient === ids.own;
        const who = `matrix ${role} ${own ? "own" : "other"} ${run}`;
        await callAs(
          role,
          own ? ["patient", "family"] : [],
          browser,
          `${FILE}#raiseConcernAction`,
          "/me/concerns/new",
          [patient, {}, FORM],
          {
            category: "other",
            whatHappened: `${who} concern`,
            desiredOutcome: "matrix outcome",
          },
        );
        // family@ was given the timeline and concerns, not requests: she files none.
        await callAs(
          role,
          own ? ["patient"] : [],
          browser,
          `${FILE}#fileRightsAction`,
          "/me/rights",
          [patient, {}, FORM],
          {
            type: "access",
            details: `${who} request`,
          },
        );
        // "This is wrong" on a timeline item: the patient only (family never), on her own item.
        await callAs(
          role,
          own ? ["patient"] : [],
          browser,
          `${FILE}#fileCorrectionAction`,
          "/me",
          [patient, `appointment:${ids.appointment}`, {}, FORM],
          { details: `${who} correction` },
        );
      }
    }
    // A subject that names no item of hers is the 404, like any bad bound id.
    await refuse(
      "patient",
      browser,
      `${FILE}#fileCorrectionAction`,
      "/me",
      [ids.own, "appointment:nope", {}, FORM],
      {
        details: "matrix bad subject",
      },
    );
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/concerns`);
    for (const role of EVERYONE) {
      const shown = advocate.getByText(`matrix ${role} own ${run} concern`);
      if (role === "patient" || role === "family") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    await advocate.goto(`/patients/${ids.own}/rights-requests`);
    for (const role of EVERYONE) {
      const shown = advocate.getByText(`matrix ${role} own ${run} request`);
      if (role === "patient") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
      const correction = advocate.getByText(`matrix ${role} own ${run} correction`);
      if (role === "patient") await expect(correction).toHaveCount(1);
      else await expect(correction).toHaveCount(0);
    }
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/concerns`);
    await expect(coordinator2.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
    await coordinator2.goto(`/patients/${ids.other}/rights-requests`);
    await expect(coordinator2.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
  });

  test("family actions: only the patient invites, renews, withdraws, changes scopes and stops sharing", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/me/family/actions.ts";
    for (const role of EVERYONE)
      await callAs(role, ["patient"], browser, `${FILE}#inviteFamilyAction`, "/me/family", [{}, FORM], {
        email: `matrix-${role}-${run}@example.org`,
        relationship: "friend",
        canViewTimeline: "on",
      });
    const patient = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
    await patient.goto("/me/family");
    for (const role of EVERYONE) {
      const shown = patient.getByText(`matrix-${role}-${run}@example.org`, { exact: true });
      if (role === "patient") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    // Stopping someone's access or withdrawing an invitation is the patient's alone: nobody else's
    // call takes Lucia's access away, nor the patient's new invitation.
    const invited = `matrix-patient-${run}@example.org`;
    // Withdrawing asks first: the call leaves once the dialog's button is pressed.
    const invitationId = await boundIdOf(patient, async () => {
      await patient
        .getByRole("button", {
          name: new RegExp(
            `(Withdraw the invitation to|Retirar la invitación a) ${invited.replace(/[.]/g, "\\.")}`,
          ),
        })
        .click();
      await patient
        .getByRole("dialog")
        .getByRole("button", { name: /^(Withdraw the invitation|Retirar la invitación)$/ })
        .click();
    });
    // The held call was aborted: start again from a fresh page, the invitation still there.
    await patient.goto("/me/family");
    // Lucia's grant, and the scopes she has now (the positive control below saves them unchanged).
    const lucia = patient
      .getByRole("listitem")
      .filter({ has: patient.getByRole("heading", { name: /Lucia Alvarez/ }) });
    await lucia
      .getByText(/^(Change what Lucia Alvarez may do|Cambiar lo que Lucia Alvarez puede hacer)$/)
      .click();
    const scopeForm = lucia.locator("form").filter({ has: patient.locator('input[name="canMessage"]') });
    const luciaScopes: Record<string, string> = {};
    for (const name of ["canViewTimeline", "canRaiseConcerns", "canViewRequests", "canMessage"])
      if (await scopeForm.locator(`input[name="${name}"]`).isChecked()) luciaScopes[name] = "on";
    const grantId = await boundIdOf(patient, () =>
      scopeForm.getByRole("button", { name: /^(Save what they may do|Guardar lo que puede hacer)$/ }).click(),
    );
    for (const role of ["admin", "coordinator", "advocate", "family", "anonymous"] as MatrixRole[]) {
      await refuse(role, browser, `${FILE}#revokeFamilyAction`, "/me/family", [
        "00000000-0000-4000-8000-000000000000",
        {},
      ]);
      await refuse(role, browser, `${FILE}#withdrawInvitationAction`, "/me/family", [invitationId, {}]);
      await refuse(role, browser, `${FILE}#renewInvitationAction`, "/me/family", [invitationId, {}]);
      await refuse(role, browser, `${FILE}#changeFamilyScopesAction`, "/me/family", [grantId, {}, FORM], {
        canViewTimeline: "on",
        canRaiseConcerns: "on",
        canViewRequests: "on",
        canMessage: "on",
      });
    }
    await accept(
      "patient",
      browser,
      `${FILE}#changeFamilyScopesAction`,
      "/me/family",
      [grantId, {}, FORM],
      luciaScopes,
    );
    await accept("patient", browser, `${FILE}#renewInvitationAction`, "/me/family", [invitationId, {}]);
    await patient.goto("/me/family");
    await expect(patient.getByRole("heading", { name: /Lucia Alvarez/ })).toBeVisible();
    await expect(patient.getByText(invited, { exact: true })).toHaveCount(1);
    const family = await (await browser.newContext({ storageState: storageFor("family") })).newPage();
    await family.goto("/me");
    await expect(family.getByRole("heading", { name: /Maria Alvarez/ })).toBeVisible();
    // The patient's own withdrawal of the same invitation goes through.
    await accept("patient", browser, `${FILE}#withdrawInvitationAction`, "/me/family", [invitationId, {}]);
    await patient.reload();
    await expect(patient.getByText(invited, { exact: true })).toHaveCount(0);
  });

  test("saveNotificationSettingsAction: the patient and family save their own choices; staff are refused", async ({
    browser,
  }) => {
    const KEY = "app/(portal)/me/notifications/settings/actions.ts#saveNotificationSettingsAction";
    const PATH = "/me/notifications/settings";
    /** The form as the page shows it to `role`: saved as it is, it changes nothing but the version. */
    const formOf = async (role: "patient" | "family") => {
      const page = await (await browser.newContext({ storageState: storageFor(role) })).newPage();
      await page.goto(PATH);
      const form = page.locator("form").filter({ has: page.locator('input[name="shownIn"]') });
      const values: Record<string, string> = {};
      for (const name of ["version", "shownIn", "language", "smsPhone", "quietFrom", "quietUntil"])
        values[name] = await form.locator(`[name="${name}"]`).inputValue();
      // Every box as shown: email, the opt-in, details, and each kind's by email and by text (an
      // empty one is a kind turned off, so a box left out would turn its kind off).
      expect(await form.locator('input[type="checkbox"][name^="email-"]').count()).toBe(9);
      for (const box of await form.locator('input[type="checkbox"]').all())
        if (await box.isChecked()) values[(await box.getAttribute("name"))!] = "on";
      await page.context().close();
      return values;
    };
    const before = { patient: await formOf("patient"), family: await formOf("family") };
    for (const role of ["admin", "coordinator", "advocate", "anonymous"] as MatrixRole[])
      await refuse(role, browser, KEY, PATH, [{}, FORM], before.patient);
    expect((await formOf("patient")).version, "nobody else saved the patient's choices").toBe(
      before.patient.version,
    );
    // The positive control: each saves their own, and only their own moves on a version.
    await accept("patient", browser, KEY, PATH, [{}, FORM], before.patient);
    expect((await formOf("patient")).version).toBe(String(Number(before.patient.version) + 1));
    expect((await formOf("family")).version).toBe(before.family.version);
    await accept("family", browser, KEY, PATH, [{}, FORM], before.family);
    expect((await formOf("family")).version).toBe(String(Number(before.family.version) + 1));
    expect((await formOf("patient")).version).toBe(String(Number(before.patient.version) + 1));
  });

  test("saveStaffNotificationSettingsAction: staff and the admin save their own email choices; patient and family are refused", async ({
    browser,
  }) => {
    const KEY = "app/(portal)/notifications/settings/actions.ts#saveStaffNotificationSettingsAction";
    const PATH = "/notifications/settings";
    /** The form as the page shows it to `role`: saved as it is, it changes nothing but the version. */
    const formOf = async (role: "admin" | "coordinator" | "advocate") => {
      const page = await (await browser.newContext({ storageState: storageFor(role) })).newPage();
      await page.goto(PATH);
      const form = page.locator("form").filter({ has: page.locator('input[name="emailDigest"]') });
      const values: Record<string, string> = {};
      for (const name of ["version", "language"])
        values[name] = await form.locator(`[name="${name}"]`).inputValue();
      for (const name of ["emailDigest", "emailOverdue"])
        if (await form.locator(`input[name="${name}"]`).isChecked()) values[name] = "on";
      await page.context().close();
      return values;
    };
    const before = { coordinator: await formOf("coordinator"), advocate: await formOf("advocate") };
    for (const role of ["patient", "family", "anonymous"] as MatrixRole[])
      await refuse(role, browser, KEY, PATH, [{}, FORM], before.coordinator);
    expect((await formOf("coordinator")).version, "nobody else saved the coordinator's choices").toBe(
      before.coordinator.version,
    );
    // The positive control: each saves their own, and only their own moves on a version.
    await accept("coordinator", browser, KEY, PATH, [{}, FORM], before.coordinator);
    expect((await formOf("coordinator")).version).toBe(String(Number(before.coordinator.version) + 1));
    expect((await formOf("advocate")).version).toBe(before.advocate.version);
    const admin = await formOf("admin");
    await accept("admin", browser, KEY, PATH, [{}, FORM], admin);
    expect((await formOf("admin")).version).toBe(String(Number(admin.version) + 1));
    expect((await formOf("coordinator")).version).toBe(String(Number(before.coordinator.version) + 1));
  });

  test("keepSessionAliveAction: every signed-in role keeps its own session alive; none is sent to sign in", async ({
    browser,
  }) => {
    const KEY = "app/(portal)/actions.ts#keepSessionAliveAction";
    await refuse("anonymous", browser, KEY, "/dashboard", []);
    // The positive control: each role, on its own home page, with its own session.
    for (const role of ROLES) {
      const response = await accept(role, browser, KEY, HOME[role], []);
      expect(await response.text(), `${role}: a whole idle period`).toMatch(/"idleSecondsLeft":\d+/);
    }
  });

  test("unsubscribeAction: the signed token is the credential, whoever calls; a made-up one is the 404", async ({
    browser,
  }) => {
    const KEY = "app/unsubscribe/[token]/actions.ts#unsubscribeAction";
    const bogus = "A".repeat(91);
    for (const role of EVERYONE) {
      const response = await postAction(await requestFor(browser, role), KEY, `/unsubscribe/${bogus}`, [
        bogus,
        FORM,
      ]);
      expect(response.status(), label(role, KEY, `/unsubscribe/${bogus}`)).toBe(404);
    }
    // The positive control, with no session: coordinator2's real token, for a kind staff are told
    // of in the bell only (no email of it is ever written, so turning it off changes no other spec).
    const token = unsubscribeToken(ids.staffUser, "conversation-waiting", runSecret());
    const anonymous = await requestFor(browser, "anonymous");
    const response = await postAction(anonymous, KEY, `/unsubscribe/${token}`, [token, FORM]);
    // A fetch action's redirect is a 200 that names where to go (x-action-redirect).
    expect(response.status(), "anonymous with a real token").toBe(200);
    expect(response.headers()["x-action-redirect"]).toMatch(new RegExp(`^/unsubscribe/${token}\\?done=1`));
    const page = await (await anonymous.get(`/unsubscribe/${token}`)).text();
    expect(page).toContain("You already get no emails about patients");
  });

  test("savePortalPreferencesAction: only the patient writes their own words", async ({ browser }) => {
    const FILE = "app/(portal)/me/preferences/actions.ts";
    const patient = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
    await patient.goto("/me/preferences");
    const version = await patient.locator('input[name="version"]').inputValue();
    for (const role of ["admin", "coordinator", "advocate", "family", "anonymous"] as MatrixRole[])
      await refuse(role, browser, `${FILE}#savePortalPreferencesAction`, "/me/preferences", [{}, FORM], {
        whatMattersMost: `portal prefs ${role} ${run}`,
        version,
      });
    await patient.reload();
    // (The advocate's own preferences action, tested above, may write here legitimately.)
    await expect(patient.getByText(new RegExp(`portal prefs .* ${run}`))).toHaveCount(0);
    // The same call from the patient takes effect: the test can tell the difference.
    await accept("patient", browser, `${FILE}#savePortalPreferencesAction`, "/me/preferences", [{}, FORM], {
      whatMattersMost: `portal prefs patient ${run}`,
      version: await patient.locator('input[name="version"]').inputValue(),
    });
    await patient.reload();
    await expect(patient.getByText(`portal prefs patient ${run}`)).toHaveCount(1);
  });

  test("appointment change requests: only the patient asks; only the coordinator closes", async ({
    browser,
  }) => {
    const ASK = "app/(portal)/me/appointments/[appointmentId]/actions.ts#requestChangeAction";
    const path = `/me/appointments/${ids.appointment}`;
    for (const role of ["admin", "coordinator", "advocate", "family", "anonymous"] as MatrixRole[])
      await refuse(role, browser, ASK, path, [ids.appointment, {}, FORM], {
        kind: "cancel",
        reason: `matrix change ${role} ${run}`,
      });
    const coordinator = await (
      await browser.newContext({ storageState: storageFor("coordinator") })
    ).newPage();
    await coordinator.goto(`/patients/${ids.own}/appointments`);
    await expect(coordinator.getByText(new RegExp(`matrix change .* ${run}`))).toHaveCount(0);
    // The patient's own call takes effect, and only the coordinator can close it.
    await accept("patient", browser, ASK, path, [ids.appointment, {}, FORM], {
      kind: "cancel",
      reason: `matrix change patient ${run}`,
    });
    await coordinator.reload();
    await expect(coordinator.getByText(`“matrix change patient ${run}”`)).toHaveCount(1);

    // Closing it with an outcome: everyone but the patient's coordinator is refused.
    const HANDLE = "app/(portal)/patients/[id]/appointments/actions.ts#handleChangeRequestAction";
    const asked = coordinator.getByRole("listitem").filter({ hasText: `“matrix change patient ${run}”` });
    const requestId = /^request-([0-9a-f-]{36})$/.exec((await asked.getAttribute("id")) ?? "")?.[1];
    expect(requestId, "the request carries its id").toBeTruthy();
    const staffPath = `/patients/${ids.own}/appointments`;
    for (const role of ["admin", "advocate", "patient", "family", "anonymous"] as MatrixRole[])
      await refuse(role, browser, HANDLE, staffPath, [requestId, {}, FORM], {
        outcome: "declined",
        note: `matrix outcome ${role} ${run}`,
      });
    await coordinator.reload();
    await expect(coordinator.getByText(`“matrix change patient ${run}”`)).toHaveCount(1);
    await accept("coordinator", browser, HANDLE, staffPath, [requestId, {}, FORM], {
      outcome: "declined",
      note: `matrix outcome coordinator ${run}`,
    });
    await coordinator.reload();
    await expect(coordinator.getByText(`“matrix change patient ${run}”`)).toHaveCount(0);
  });

  test("calendar feed actions: staff make their caseload's address, the patient her own", async ({
    browser,
    playwright,
  }) => {
    const STAFF_FEED = "app/(portal)/calendar/actions.ts";
    const PORTAL_FEED = "app/(portal)/me/calendar/actions.ts";
    const ADDRESS = /\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics/;
    // A calendar app sends no cookie: the address alone opens the feed.
    const app = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const cases = [
      {
        file: STAFF_FEED,
        page: "/calendar",
        make: "createFeedAction",
        stop: "revokeFeedAction",
        owner: "coordinator",
      },
      {
        file: PORTAL_FEED,
        page: "/me/calendar",
        make: "createPortalFeedAction",
        stop: "revokePortalFeedAction",
        owner: "patient",
      },
    ] as const;
    for (const c of cases) {
      const others = EVERYONE.filter(
        (r) => r !== c.owner && !(c.owner === "coordinator" && r === "advocate"),
      );
      for (const role of others) {
        const response = await refuse(role, browser, `${c.file}#${c.make}`, c.page, [{}, FORM]);
        expect(await response.text(), `${role} ${c.make}`).not.toMatch(ADDRESS);
      }
      const made = await accept(c.owner, browser, `${c.file}#${c.make}`, c.page, [{}, FORM]);
      const address = ADDRESS.exec(await made.text())?.[0];
      expect(address, `${c.owner}'s calendar address`).toBeTruthy();
      expect((await app.get(address!)).status()).toBe(200);
      for (const role of others) await refuse(role, browser, `${c.file}#${c.stop}`, c.page, [{}, FORM]);
      expect((await app.get(address!)).status(), "nobody else turns it off").toBe(200);
      await accept(c.owner, browser, `${c.file}#${c.stop}`, c.page, [{}, FORM]);
      expect((await app.get(address!)).status(), "the owner turned it off").toBe(404);
    }
    await app.dispose();
  });

  test("saveSecuritySettingsAction: only an admin changes the organisation's sign-in rules", async ({
    browser,
  }) => {
    const KEY = "app/(portal)/admin/security/actions.ts#saveSecuritySettingsAction";
    const PATH = "/admin/security";
    const admin = await adminPage(browser);
    /** The form as the admin's page shows it. */
    const formOf = async () => {
      await admin.goto(PATH);
      const values: Record<string, string> = {};
      for (const name of ["version", "secondFactorRequiredForStaff"])
        values[name] = await admin.locator(`[name="${name}"]`).inputValue();
      return values;
    };
    const before = await formOf();
    // Main's server keeps the rule off: turned on, every later staff sign-in would be sent to set up
    // an app (the aux-enforce project turns it on, on its own server). So every call here saves the
    // rule as it is: a call the policy let through would answer 200 ("Saved"), not the 404.
    expect(before.secondFactorRequiredForStaff, "main's demo rule").toBe("off");
    for (const role of ["coordinator", "advocate", "patient", "family", "anonymous"] as MatrixRole[])
      await refuse(role, browser, KEY, PATH, [{}, FORM], before);
    // The positive control: the admin's own call goes through, and saving the same rule changes nothing.
    const saved = await accept("admin", browser, KEY, PATH, [{}, FORM], before);
    expect(await saved.text()).toContain("Saved. Staff may sign in with a password alone.");
    expect(await formOf(), "the same rule saved: nothing changed, not even the version").toEqual(before);
  });

  test("resetSecondFactorAction: only an admin resets someone's second factor, which ends their sessions", async ({
    browser,
  }) => {
    const KEY = "app/(portal)/admin/users/actions.ts#resetSecondFactorAction";
    // An account of the test's own, signed in; never coordinator.2fa, whose app other specs sign in with.
    const { admin, id: targetId, email, password } = await matrixAccount(browser, "Matrix Reset");
    const target = await (await browser.newContext()).newPage();
    await signIn(target, email, password);
    await expect(target).toHaveURL(/\/dashboard$/);
    const path = `/admin/users/${targetId}`;
    for (const role of ["coordinator", "advocate", "patient", "family", "anonymous"] as MatrixRole[])
      await refuse(role, browser, KEY, path, [targetId, {}, FORM]);
    await target.goto("/dashboard");
    await expect(target, "nobody else ended their session").toHaveURL(/\/dashboard$/);
    await admin.goto("/admin/audit?action=user.second-factor-reset");
    await expect(admin.getByRole("cell", { name: targetId })).toHaveCount(0);
    // The same call from the admin takes effect: the reset is in the audit trail, the session is over.
    const reset = await accept("admin", browser, KEY, path, [targetId, {}, FORM]);
    // A fetch action's redirect is a 200 that names where to go: the page that says it is done.
    expect(reset.headers()["x-action-redirect"]).toMatch(new RegExp(`^${path}\\?secondFactorReset=1`));
    await target.goto("/dashboard");
    await expect(target).toHaveURL(/\/login\?ended=second-factor-reset/);
    await admin.reload();
    await expect(admin.getByRole("cell", { name: targetId })).toHaveCount(1);
  });

  /** Where each role manages its own second factor: staff's page, or the portal's. */
  const securityPageOf = (role: (typeof ROLES)[number]) =>
    role === "patient" || role === "family" ? "/me/security" : "/account/security";

  // One's own second factor: these actions name no one (no bound id, no field for another person),
  // so there is nobody else's to refuse; the refusal to test is the caller without a session. Every
  // signed-in role is accepted on its own account, with calls that harm nothing there: a wrong first
  // code, an app to remove where there is none, new recovery codes without the box ticked.
  test("own security actions: every signed-in role on its own account; nobody without a session", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/account/security/actions.ts";
    const calls = [
      ["confirmAuthenticatorAction", { code: "000000" }, "wrongCode"],
      ["removeAuthenticatorAction", {}, "nothingToRemove"],
      ["newRecoveryCodesAction", {}, "newCodesTick"],
    ] as const;
    for (const [name, form] of calls)
      await refuse("anonymous", browser, `${FILE}#${name}`, "/account/security", [{}, FORM], form);
    for (const role of ROLES) {
      const page = securityPageOf(role);
      for (const [name, form, says] of calls) {
        const response = await accept(role, browser, `${FILE}#${name}`, page, [{}, FORM], form);
        expectSays(await response.text(), role, says, label(role, `${FILE}#${name}`, page));
      }
      // Nothing was turned on: the page still offers to set up an app.
      const view = await (await requestFor(browser, role)).get(page);
      expectSays(await view.text(), role, "appOff", `${role} ${page} afterwards`);
    }
  });

  // One's own passkeys: no id names anyone else's (a passkey id of someone else's is no different
  // from a made-up one: nothing removed), so the refusal to test is the caller without a session.
  test("passkey actions: every signed-in role on its own account; nobody without a session", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/account/security/passkey-actions.ts";
    const STEP_UP = "app/(portal)/step-up-actions.ts";
    const someone = "00000000-0000-4000-8000-000000000000";
    const calls: [string, unknown[], SecurityText | "challenge"][] = [
      [`${FILE}#passkeyOptionsAction`, [], "challenge"],
      // No name and no real answer: refused on its shape before the authenticator's answer is read.
      [`${FILE}#addPasskeyAction`, [{ id: "x" }, ""], "passkeyNameNeeded"],
      [`${FILE}#removePasskeyAction`, [someone, {}, FORM], "passkeyFailed"],
      [`${STEP_UP}#stepUpPasskeyOptionsAction`, [], "challenge"],
      [`${STEP_UP}#stepUpPasskeyAction`, [{ id: "x" }], "passkeyFailed"],
    ];
    for (const [key, args] of calls) await refuse("anonymous", browser, key, "/account/security", args);
    for (const role of ROLES) {
      const page = securityPageOf(role);
      for (const [key, args, says] of calls) {
        const response = await accept(role, browser, key, page, args);
        const text = await response.text();
        if (says === "challenge") expect(text, label(role, key, page)).toContain('"challenge"');
        else expectSays(text, role, says, label(role, key, page));
      }
      const view = await (await requestFor(browser, role)).get(page);
      expectSays(await view.text(), role, "passkeysNone", `${role} ${page} afterwards`);
    }
  });

  test("stepUpAction: every signed-in role proves its own factor again; an empty code is said and counts for nothing", async ({
    browser,
  }) => {
    const KEY = "app/(portal)/step-up-actions.ts#stepUpAction";
    const form = (page: string) => ({ method: "totp", code: "", page });
    await refuse("anonymous", browser, KEY, "/account/security", [{}, FORM], form("/account/security"));
    for (const role of ROLES) {
      const page = securityPageOf(role);
      const response = await accept(role, browser, KEY, page, [{}, FORM], form(page));
      expectSays(await response.text(), role, "enterCode", label(role, KEY, page));
    }
  });

  test("finishing a sign-in: a complete session has nothing to finish and is sent home", async ({
    browser,
  }) => {
    const FINISH = [
      [
        "app/login/second-factor/actions.ts#verifySecondFactorAction",
        "/login/second-factor",
        { method: "totp" },
      ],
      ["app/login/enrol/actions.ts#confirmRequiredEnrolmentAction", "/login/enrol", {}],
      ["app/login/second-factor/passkey-actions.ts#passkeySignInOptionsAction", "/login/second-factor", {}],
      ["app/login/second-factor/passkey-actions.ts#passkeySignInAction", "/login/second-factor", {}],
      ["app/login/enrol/passkey-actions.ts#enrolPasskeyOptionsAction", "/login/enrol", {}],
      ["app/login/enrol/passkey-actions.ts#enrolPasskeyAction", "/login/enrol", {}],
    ] as const;
    for (const [key, path, form] of FINISH) {
      await refuse("anonymous", browser, key, path, [{}, FORM], { ...form, code: "" });
      for (const role of ROLES) {
        const response = await postAction(await requestFor(browser, role), key, path, [{}, FORM], {
          ...form,
          code: "",
        });
        expect(response.status(), label(role, key, path)).toBe(200);
        expect(actionRedirect(response)?.pathname, `${label(role, key, path)} is sent home`).toBe(HOME[role]);
      }
    }
    // The positive control, a session that owes the code calling verifySecondFactorAction, is in the
    // pending session's test below. One that owes an enrolment needs the rule on: aux-enforce.
  });

  test("cancelSignInAction: ends the caller's own sign-in, whatever its stage; without a session, the sign-in page", async ({
    browser,
  }) => {
    const KEY = "app/login/second-factor/actions.ts#cancelSignInAction";
    await refuse("anonymous", browser, KEY, "/login/second-factor", []);
    // It names nobody and ends the session that calls it, a sign-out. A complete session here is an
    // account of the test's own: a demo role's would end the sign-in every other test uses.
    const { email, password } = await matrixAccount(browser, "Matrix Cancel");
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email, password);
    await expect(page).toHaveURL(/\/dashboard$/);
    const kept = await context.storageState();
    const response = await postAction(context.request, KEY, "/login/second-factor", []);
    expect(response.status()).toBe(200);
    expect(actionRedirect(response)?.pathname).toBe("/login");
    // The old cookie, kept and sent again, opens nothing: the session row has ended, not just the cookie.
    const replay = (await browser.newContext({ storageState: kept })).request;
    const after = await replay.get("/dashboard", { maxRedirects: 0 });
    expect([303, 307]).toContain(after.status());
    expect(locationPath(after)).toBe("/login");
  });

  test("a session that still owes its second factor opens nothing else: every server action but the code's", async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const context = await pendingContext(browser);
    const pending = context.request;
    const SECOND_FACTOR = "app/login/second-factor/actions.ts";
    const PASSKEY_SIGN_IN = "app/login/second-factor/passkey-actions.ts";
    const pages = actionPages();
    // Not swept: what needs no session (the password, the identity provider or a signed token is
    // the credential; a language is a cookie), what ends the session (signing out, cancelling), and
    // the code's own action, the positive control below.
    const NOT_SWEPT = [
      "app/login/actions.ts#signInAction",
      "app/login/sso-actions.ts#signInWithSsoAction",
      "app/invite/[token]/actions.ts#acceptInvitationAction",
      "app/unsubscribe/[token]/actions.ts#unsubscribeAction",
      "app/(portal)/actions.ts#setLanguageAction",
      "app/(portal)/actions.ts#signOutAction",
      `${SECOND_FACTOR}#cancelSignInAction`,
      `${SECOND_FACTOR}#verifySecondFactorAction`,
      `${PASSKEY_SIGN_IN}#passkeySignInOptionsAction`,
      `${PASSKEY_SIGN_IN}#passkeySignInAction`,
    ];
    for (const key of NOT_SWEPT) expect(pages[key], `${key} is in the build`).toBeTruthy();
    const swept = Object.keys(pages).filter((key) => !NOT_SWEPT.includes(key));
    expect(swept.length).toBeGreaterThanOrEqual(80);
    // Every other action in the build, posted on its own page with no arguments at all: the stage is
    // asked before anything is read, so what the call carries does not matter.
    for (const key of swept) {
      const path = sweepUrl(pages[key]!, ids);
      const said = `pending calling ${key.split("#")[1]} on ${path}`;
      const response = await postAction(pending, key, path, []);
      expect.soft(response.status(), said).toBe(200);
      expectSentToCode(actionRedirect(response), path, said);
    }

    // A few with what a person would send, beside the same call from a complete session of the
    // same role (a coordinator), answered as the policy says: the stage turned the pending one away.
    const USERS = "app/(portal)/admin/users/actions.ts#createUserAction";
    const newUser = {
      name: `Matrix pending ${run}`,
      email: `matrix-pending-${run}@carebridge.example`,
      role: "coordinator",
      password: "a long matrix password 2026",
    };
    const asPending = async (
      key: string,
      path: string,
      form: Record<string, string> = {},
      args?: unknown[],
    ) => {
      const response = await postAction(pending, key, path, args ?? [{}, FORM], form);
      const said = `pending calling ${key.split("#")[1]} on ${path}`;
      expect(response.status(), said).toBe(200);
      expectSentToCode(actionRedirect(response), path, said);
      return response;
    };
    await asPending(USERS, "/admin/users/new", newUser);
    await refuse("coordinator", browser, USERS, "/admin/users/new", [{}, FORM], newUser);
    const admin = await adminPage(browser);
    await admin.goto(`/admin/users?q=${encodeURIComponent(newUser.email)}`);
    await expect(admin.getByText("No account matches.")).toBeVisible();

    const PREFERENCES = "app/(portal)/me/preferences/actions.ts#savePortalPreferencesAction";
    const words = { whatMattersMost: `portal prefs pending ${run}`, version: "1" };
    await asPending(PREFERENCES, "/me/preferences", words);
    await refuse("coordinator", browser, PREFERENCES, "/me/preferences", [{}, FORM], words);

    const ALIVE = "app/(portal)/actions.ts#keepSessionAliveAction";
    const notKept = await asPending(ALIVE, "/dashboard", {}, []);
    expect(await notKept.text()).not.toMatch(/"idleSecondsLeft":\d+/);
    const kept = await accept("coordinator", browser, ALIVE, "/dashboard", []);
    expect(await kept.text()).toMatch(/"idleSecondsLeft":\d+/);

    const STEP_UP = "app/(portal)/step-up-actions.ts#stepUpAction";
    const noCode = { method: "totp", code: "", page: "/account/security" };
    await asPending(STEP_UP, "/account/security", noCode);
    const asked = await accept("coordinator", browser, STEP_UP, "/account/security", [{}, FORM], noCode);
    expectSays(await asked.text(), "coordinator", "enterCode", "coordinator stepUpAction, the control");

    const CONFIRM = "app/(portal)/account/security/actions.ts#confirmAuthenticatorAction";
    await asPending(CONFIRM, "/account/security", { code: "000000" });
    const confirmed = await accept("coordinator", browser, CONFIRM, "/account/security", [{}, FORM], {
      code: "000000",
    });
    expectSays(
      await confirmed.text(),
      "coordinator",
      "wrongCode",
      "coordinator confirmAuthenticatorAction, the control",
    );

    // The positive control: the one action a pending session may call, the code's own. An empty code
    // is said on its field and counts for nothing. One wrong code counts: five lock the account, and
    // this is the only wrong code the matrix sends (a retry sends a second), so the other specs that
    // sign this account in keep their margin. Either way the session still owes the code.
    const VERIFY = `${SECOND_FACTOR}#verifySecondFactorAction`;
    for (const [code, says] of [
      ["", "enterCode"],
      ["000000", "wrongCode"],
    ] as const) {
      const response = await postAction(pending, VERIFY, "/login/second-factor", [{}, FORM], {
        method: "totp",
        code,
        next: "/dashboard",
      });
      const said = `pending verifySecondFactorAction with ${code ? "a wrong code" : "no code"}`;
      expect(response.status(), said).toBe(200);
      expect(actionRedirect(response), `${said} finishes nothing`).toBeUndefined();
      expectSays(await response.text(), "pending", says, said);
    }
    // The passkey's own actions answer the pending session too: a challenge, and an answer that is
    // not one (refused on its shape, before it could count toward the lock) finishes nothing.
    const options = await postAction(
      pending,
      `${PASSKEY_SIGN_IN}#passkeySignInOptionsAction`,
      "/login/second-factor",
      [],
    );
    expect(options.status(), "pending passkeySignInOptionsAction").toBe(200);
    expect(await options.text()).toContain('"challenge"');
    const bogus = await postAction(
      pending,
      `${PASSKEY_SIGN_IN}#passkeySignInAction`,
      "/login/second-factor",
      ["/dashboard", { id: "x" }],
    );
    expect(bogus.status(), "pending passkeySignInAction with no real answer").toBe(200);
    expect(actionRedirect(bogus)).toBeUndefined();
    expectSays(await bogus.text(), "pending", "passkeyFailed", "pending passkeySignInAction");
    expect((await pending.get("/login/second-factor", { maxRedirects: 0 })).status()).toBe(200);
    const still = await pending.get("/dashboard", { maxRedirects: 0 });
    expect([303, 307]).toContain(still.status());
    expectSentToCode(locationUrl(still), "/dashboard", "pending /dashboard after the wrong code");

    // Leaving: the pending session itself ends, so its cookie, kept and sent again, opens nothing.
    const CANCEL = `${SECOND_FACTOR}#cancelSignInAction`;
    const state = await context.storageState();
    const cancelled = await postAction(pending, CANCEL, "/login/second-factor", []);
    expect(cancelled.status()).toBe(200);
    expect(actionRedirect(cancelled)?.pathname).toBe("/login");
    const replay = (await browser.newContext({ storageState: state })).request;
    const after = await replay.get("/login/second-factor", { maxRedirects: 0 });
    expect([303, 307], "the cancelled session's cookie sent again").toContain(after.status());
    expect(locationPath(after)).toBe("/login");
  });
});
