import { z } from "zod";

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

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
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The environment, read and validated once per process. */
export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
