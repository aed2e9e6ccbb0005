import { Alert } from "@/components/ui/alert";
import type { EmailMode, SmsMode } from "@/lib/notifications/modes";

/**
 * What this outbox is: the demo's (nothing in it left the system), or production's with a
 * channel switched off. Nothing is said when both channels really send.
 */
export function OutboxBanner({ emailMode, smsMode }: { emailMode: EmailMode; smsMode: SmsMode }) {
  const demo =
    emailMode === "demo" && smsMode === "demo"
      ? "Nothing here left the system: this demo has no SMTP server (SMTP_URL) or text-message provider (SMS_API_URL); these are the messages it would have sent."
      : emailMode === "demo"
        ? "No email here left the system: this demo has no SMTP server (SMTP_URL); these are the emails it would have sent."
        : smsMode === "demo"
          ? "No text message here left the system: this demo has no text-message provider (SMS_API_URL); these are the text messages it would have sent."
          : null;
  const off = [
    emailMode === "off"
      ? "Email is off: SMTP_URL is not set, so nothing is emailed; each email is recorded here as skipped."
      : null,
    smsMode === "off"
      ? "Text messages are off: SMS_API_URL and its credentials are not set, so nothing is texted; each text message is recorded here as skipped."
      : null,
  ].filter((line): line is string => line !== null);
  return (
    <>
      {demo ? (
        <Alert tone="info">
          <p className="font-semibold">This is the demo&apos;s outbox.</p>
          <p>{demo}</p>
        </Alert>
      ) : null}
      {off.length ? (
        <Alert tone="warning">
          {off.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Alert>
      ) : null}
    </>
  );
}
