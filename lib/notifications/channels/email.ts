import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env, isProduction } from "@/lib/env";
import { SEND_LANES } from "../send-lanes";

/** How an email left, or that it could not: email is off in production without SMTP_URL. */
export type EmailResult = { via: "smtp" | "demo" } | { off: string };

const KEY = Symbol.for("carebridge.smtp");
type Holder = { [KEY]?: { url: string; transport: Transporter } };

/**
 * A pool of SMTP connections kept open between messages (a handshake per email costs more than
 * the email), as many as the process's send lanes (16), unless SMTP_URL says otherwise (`?pool=false`, `?maxConnections=`).
 */
export function pooledUrl(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has("pool")) parsed.searchParams.set("pool", "true");
  if (!parsed.searchParams.has("maxConnections"))
    parsed.searchParams.set("maxConnections", String(SEND_LANES));
  // A server that stops answering fails the message in seconds, well inside the job's expiry (60 s),
  // rather than holding the batch until pg-boss gives its jobs to another worker.
  for (const [name, ms] of [
    ["connectionTimeout", "10000"],
    ["greetingTimeout", "10000"],
    ["socketTimeout", "20000"],
  ] as const)
    if (!parsed.searchParams.has(name)) parsed.searchParams.set(name, ms);
  return parsed.toString();
}

function transport(url: string): Transporter {
  const holder = globalThis as Holder;
  if (holder[KEY]?.url !== url) holder[KEY] = { url, transport: nodemailer.createTransport(pooledUrl(url)) };
  return holder[KEY].transport;
}

/** Closes the pool's connections (the worker stopping). */
export function closeEmail(): void {
  const holder = globalThis as Holder;
  holder[KEY]?.transport.close();
  holder[KEY] = undefined;
}

/**
 * Sends one email over SMTP (nodemailer). Its Message-ID is the notification's id, so a receiver
 * that sees it twice can tell. Without SMTP_URL the embedded demo keeps it (the outbox row is the
 * record, shown at /admin/outbox) and production sends nothing and says so.
 */
export async function sendEmail(mail: {
  id: string;
  to: string;
  subject: string;
  text: string;
  language: string;
  /** The one-click unsubscribe address of the email's kind (RFC 8058: one HTTPS URI, POSTed to). */
  unsubscribe: string;
}): Promise<EmailResult> {
  const e = env();
  if (!e.SMTP_URL) return isProduction(e) ? { off: "Email is off: SMTP_URL is not set." } : { via: "demo" };
  await transport(e.SMTP_URL).sendMail({
    from: e.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: `<${mail.id}@carebridge.notifications>`,
    headers: {
      "Content-Language": mail.language,
      "List-Unsubscribe": `<${mail.unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  });
  return { via: "smtp" };
}
