import { type Env, isProduction } from "@/lib/env";

/** How email leaves: over SMTP, kept in the embedded demo's outbox (nothing leaves), or not at all. */
export type EmailMode = "smtp" | "demo" | "off";
/** How text messages leave: through the provider's REST API, kept in the demo's outbox, or not at all. */
export type SmsMode = "sms-api" | "demo" | "off";

export type ModeEnv = Pick<
  Env,
  "NODE_ENV" | "DATABASE_URL" | "SMTP_URL" | "SMS_API_URL" | "SMS_ACCOUNT_SID" | "SMS_AUTH_TOKEN" | "SMS_FROM"
>;

export interface NotificationModes {
  email: EmailMode;
  sms: SmsMode;
  /** The SMTP server's host (and port), never its user or password; when email is "smtp". */
  emailHost?: string;
  /** The provider's host; when text messages are "sms-api". */
  smsHost?: string;
  /** The text-message settings that are not set (all four are needed to send). */
  smsMissing: string[];
}

/**
 * The same decision the channels make (lib/notifications/channels): without SMTP_URL (or the four
 * text-message settings) the embedded demo keeps what it would send in its outbox, and production
 * sends nothing. Pure, so the start script and the /admin/outbox page say what the channels do.
 */
export function notificationModes(e: ModeEnv): NotificationModes {
  const production = isProduction(e);
  const smsMissing = (["SMS_API_URL", "SMS_ACCOUNT_SID", "SMS_AUTH_TOKEN", "SMS_FROM"] as const).filter(
    (name) => !e[name],
  );
  const fallback = production ? "off" : "demo";
  return {
    email: e.SMTP_URL ? "smtp" : fallback,
    sms: smsMissing.length === 0 ? "sms-api" : fallback,
    ...(e.SMTP_URL ? { emailHost: hostOf(e.SMTP_URL) } : {}),
    ...(smsMissing.length === 0 && e.SMS_API_URL ? { smsHost: hostOf(e.SMS_API_URL) } : {}),
    smsMissing,
  };
}

/** One line each for the start script: how email and text messages leave, or that they do not. */
export function describeModes(m: NotificationModes): string[] {
  const email = {
    smtp: `• Email: over SMTP (${m.emailHost})`,
    demo: "• Email: kept in the demo's outbox at /admin/outbox (no SMTP_URL)",
    off: "• Email is off: SMTP_URL is not set; nothing will be emailed.",
  }[m.email];
  const missing = m.smsMissing.join(", ");
  const sms = {
    "sms-api": `• Text messages: through the provider at ${m.smsHost}`,
    demo: `• Text messages: kept in the demo's outbox at /admin/outbox (no ${missing})`,
    off: `• Text messages are off: ${missing} ${m.smsMissing.length === 1 ? "is" : "are"} not set; nothing will be texted.`,
  }[m.sms];
  return [email, sms];
}

/** The host and port of a URL, without the user and password it may carry. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the configured server";
  }
}
