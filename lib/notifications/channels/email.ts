import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env, isProduction } from "@/lib/env";

/** How an email left, or that it could not: email is off in production without SMTP_URL. */
export type EmailResult = { via: "smtp" | "demo" } | { off: string };

const KEY = Symbol.for("carebridge.smtp");
type Holder = { [KEY]?: { url: string; transport: Transporter } };

function transport(url: string): Transporter {
  const holder = globalThis as Holder;
  if (holder[KEY]?.url !== url) holder[KEY] = { url, transport: nodemailer.createTransport(url) };
  return holder[KEY].transport;
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
    headers: { "Content-Language": mail.language, "List-Unsubscribe": `<${mail.unsubscribe}>` },
  });
  return { via: "smtp" };
}
