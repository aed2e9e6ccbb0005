import { env } from "@/lib/env";

/** Session and sign-in limits, from configuration (short in tests). */
export function authLimits() {
  const e = env();
  return {
    idleSeconds: e.SESSION_IDLE_SECONDS,
    maxSeconds: e.SESSION_MAX_SECONDS,
    maxFailures: e.SIGNIN_MAX_FAILURES,
    lockSeconds: e.SIGNIN_LOCK_SECONDS,
    addressMaxFailures: e.SIGNIN_ADDRESS_MAX_FAILURES,
    addressWindowSeconds: e.SIGNIN_ADDRESS_WINDOW_SECONDS,
  };
}
