import type { NotificationKind } from "@/db/schema/notifications";
import { env } from "@/lib/env";
import type { WrittenLanguage } from "@/lib/written-language";
import type { AppointmentDetails } from "./details";
import { settingsPathFor } from "./kind-choices";
import { NOTIFICATION_WORDS } from "./words";

/** An email and a text message as they leave: nothing but that something happened, and where to sign in. */
export interface Composed {
  subject: string;
  text: string;
  sms: string;
}

/**
 * The words of a notification in the recipient's language. The link is the portal's own address
 * (PUBLIC_URL) and a path: a stranger who reads the message learns only that the person uses
 * the portal. Nothing staff wrote, no clinician, no diagnosis (ADR 012). An email ends with the
 * link that stops emails of its kind (`unsubscribe`, the signed /unsubscribe/<token> page).
 */
export function compose(
  kind: NotificationKind,
  language: WrittenLanguage,
  path: string,
  details: AppointmentDetails | null = null,
  unsubscribe: string | null = null,
): Composed {
  const w = NOTIFICATION_WORDS[language];
  const origin = env().PUBLIC_URL;
  const link = `${origin}${path}`;
  const title = w.title[kind];
  // Day, time and place only for someone who chose them (include_details).
  const facts = details
    ? [w.when(details.day, details.time), ...(details.place ? [w.where(details.place)] : [])]
    : [];
  return {
    subject: title,
    text: [
      title,
      ...facts,
      "",
      w.signIn(link),
      "",
      "—",
      w.footer,
      w.settingsLink(`${origin}${settingsPathFor(kind)}`),
      ...(unsubscribe ? [w.unsubscribeLine(w.about[kind], unsubscribe)] : []),
    ].join("\n"),
    sms: `Carebridge: ${[title, ...facts].join(" ")} ${w.signIn(link)}`,
  };
}
