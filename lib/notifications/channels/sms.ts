import "server-only";
import { env, isProduction } from "@/lib/env";

/** How a text message left, or that it could not. */
export type SmsResult = { via: "sms-api" | "demo"; providerId?: string } | { off: string };

/** A provider's answer that is worth another try later (rate limits, its own trouble). */
export class ProviderError extends Error {}

/**
 * Sends one text message through a provider speaking Twilio's REST API: a form POST to
 * `<SMS_API_URL>/2010-04-01/Accounts/<sid>/Messages.json` with basic authentication, and the
 * notification's id as the idempotency token, so a retried request is not sent twice. Ten
 * seconds at most (SMS_TIMEOUT_MS): a provider that hangs is a failure to retry, not a stuck worker.
 */
export async function sendSms(message: { id: string; to: string; body: string }): Promise<SmsResult> {
  const e = env();
  if (!e.SMS_API_URL || !e.SMS_ACCOUNT_SID || !e.SMS_AUTH_TOKEN || !e.SMS_FROM)
    return isProduction(e)
      ? { off: "Text messages are off: SMS_API_URL and its credentials are not set." }
      : { via: "demo" };
  const url = `${e.SMS_API_URL.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(e.SMS_ACCOUNT_SID)}/Messages.json`;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${e.SMS_ACCOUNT_SID}:${e.SMS_AUTH_TOKEN}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
      "i-twilio-idempotency-token": message.id,
    },
    body: new URLSearchParams({ To: message.to, From: e.SMS_FROM, Body: message.body }),
    signal: AbortSignal.timeout(e.SMS_TIMEOUT_MS),
  }).catch((error: unknown) => {
    if (error instanceof Error && error.name === "TimeoutError")
      throw new ProviderError(`The text-message provider did not answer within ${e.SMS_TIMEOUT_MS} ms.`);
    throw error;
  });
  if (!response.ok) throw new ProviderError(`The text-message provider answered ${response.status}.`);
  const answer = (await response.json().catch(() => ({}))) as { sid?: string };
  return { via: "sms-api", providerId: answer.sid };
}
