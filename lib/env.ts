import { z } from "zod";

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
// An empty variable (`FOO=`) counts as unset.
const unlessEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PGLITE_DIR: z.string().default(".data/pglite"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  SESSION_IDLE_SECONDS: seconds(15 * 60),
  SESSION_MAX_SECONDS: seconds(12 * 60 * 60),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGNIN_LOCK_SECONDS: seconds(15 * 60),
  SIGNIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).default(30),
  SIGNIN_ADDRESS_WINDOW_SECONDS: seconds(15 * 60),
  // Step-up (ADR 013): emergency access, admin changes and one's own security ask for the second
  // factor again when it was last proven longer ago than this.
  STEP_UP_SECONDS: seconds(15 * 60),
  // Where passkeys are made and used (ADR 013): the origins people open, comma-separated; the first
  // one's host is the relying party. Unset: PUBLIC_URL. An IP address cannot hold passkeys.
  WEBAUTHN_ORIGINS: unlessEmpty(
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.url({ protocol: /^https?$/, error: "WEBAUTHN_ORIGINS is a list of http(s) origins" }))
          .min(1),
      )
      .transform((list) => list.map((o) => new URL(o).origin)),
  ),
  EMERGENCY_ACCESS_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(240),
  ORG_TIME_ZONE: z.string().default("America/New_York"),
  // The clocks of lib/clocks.ts that an organisation sets for itself.
  CONCERN_ACKNOWLEDGE_BUSINESS_DAYS: z.coerce.number().int().min(0).max(10).default(1),
  CONCERN_RESOLVE_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  CONCERN_URGENT_ACKNOWLEDGE_HOURS: z.coerce.number().int().min(1).max(48).default(4),
  CONCERN_URGENT_RESOLVE_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  // HIPAA defaults (45 CFR 164.524, 164.526, 164.528); stricter state law may shorten them.
  RIGHTS_ACCESS_DAYS: z.coerce.number().int().min(1).max(30).default(30),
  RIGHTS_AMENDMENT_DAYS: z.coerce.number().int().min(1).max(60).default(60),
  RIGHTS_ACCOUNTING_DAYS: z.coerce.number().int().min(1).max(60).default(60),
  RIGHTS_EXTENSION_DAYS: z.coerce.number().int().min(1).max(30).default(30),
  // No federal clock: the organisation's own targets.
  RIGHTS_RESTRICTION_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  RIGHTS_CONFIDENTIAL_COMMUNICATION_DAYS: z.coerce.number().int().min(1).max(90).default(10),
  // How many reverse proxies in front of the app append to X-Forwarded-For; unset, nobody does and
  // the client address is the socket's (lib/auth/client-address.ts, ADR 002).
  TRUST_PROXY_HOPS: unlessEmpty(z.coerce.number().int().min(1).max(16)),
  // Notifications (ADR 012). Email goes over SMTP (smtp://user:pass@host:port, or smtps://);
  // without it the embedded demo keeps what it would send in /admin/outbox and production sends none.
  SMTP_URL: unlessEmpty(z.string().regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL")),
  MAIL_FROM: z.string().default("Carebridge <no-reply@carebridge.example>"),
  // Text messages through a Twilio-style REST API: its base URL, account and token, and our number.
  SMS_API_URL: unlessEmpty(z.url({ protocol: /^https?$/, error: "SMS_API_URL must be an http(s) URL" })),
  SMS_ACCOUNT_SID: unlessEmpty(z.string().min(1)),
  SMS_AUTH_TOKEN: unlessEmpty(z.string().min(1)),
  SMS_FROM: unlessEmpty(z.string().min(1)),
  // How long a request to the provider may take before it counts as a failure to retry.
  SMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // Appointment reminders: how many hours before the start each one goes (e.g. "48,2").
  APPOINTMENT_REMINDER_HOURS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3})*$/, "APPOINTMENT_REMINDER_HOURS is a list of hours, e.g. 48,2")
    .default("48,2")
    .transform((v) => [...new Set(v.split(",").map(Number))].filter((h) => h > 0)),
  // Whether this process works the notification queue (`npm start` does; `npm run worker` alone is the other way).
  NOTIFICATIONS_WORKER: z.enum(["on", "off"]).default("on"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Single sign-on for staff (ADR 014): offered only when the issuer, client id and secret are all set.
  // The issuer is https, except on this machine (the e2e test provider).
  OIDC_ISSUER: unlessEmpty(
    z
      .url({ protocol: /^https?$/, error: "OIDC_ISSUER must be an http(s) URL" })
      .refine((u) => isLocalOrHttps(u), { error: "OIDC_ISSUER must be https (http only on localhost)" }),
  ),
  OIDC_CLIENT_ID: unlessEmpty(z.string().min(1)),
  OIDC_CLIENT_SECRET: unlessEmpty(z.string().min(1)),
  // The button says "Sign in with <OIDC_NAME>".
  OIDC_NAME: unlessEmpty(z.string().trim().min(1).max(60)),
  // The address people open: invitation and calendar links are built from it, never from request
  // headers, which the client writes. An origin only: the app is served at the root.
  PUBLIC_URL: unlessEmpty(
    z
      .url({
        protocol: /^https?$/,
        error: "PUBLIC_URL must be an http(s) URL, e.g. https://care.example.org",
      })
      .refine((u) => new URL(u).pathname === "/" && !new URL(u).search, {
        error: "PUBLIC_URL is an origin only, e.g. https://care.example.org (no path or query)",
      })
      .transform((u) => new URL(u).origin),
  ),
});

/**
 * Production is NODE_ENV=production on a real database (DATABASE_URL), as for AUTH_SECRET in
 * scripts/lib.ts; the embedded demo (`npm start` with no DATABASE_URL) is production-built but is not.
 */
export function isProduction(e: { NODE_ENV: string; DATABASE_URL?: string }): boolean {
  return e.NODE_ENV === "production" && !!e.DATABASE_URL;
}

/** https, or http on this machine only (localhost, 127.0.0.1, ::1). */
export function isLocalOrHttps(url: string): boolean {
  const u = new URL(url);
  return u.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
}

const ValidatedEnv = EnvSchema.superRefine((e, ctx) => {
  const oidc = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    ctx.addIssue({
      code: "custom",
      path: ["OIDC_ISSUER"],
      message: "single sign-on needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
    });
  }
  if (isProduction(e) && !e.PUBLIC_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["PUBLIC_URL"],
      message:
        "PUBLIC_URL is required in production (NODE_ENV=production with DATABASE_URL): the address people open, e.g. https://care.example.org",
    });
  }
}).transform((e) => ({ ...e, PUBLIC_URL: e.PUBLIC_URL ?? `http://localhost:${e.PORT}` }));

export type Env = z.infer<typeof ValidatedEnv>;

let cached: Env | undefined;

/** Validates an environment; throws one message naming every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = ValidatedEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

/** The environment, read and validated once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
