import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { portalFormWords } from "@/components/portal/form-words";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { portalFormat } from "@/lib/i18n/format";
import { type Locale, MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { type KindChannel, kindField, PATIENT_SIDE_KINDS } from "@/lib/notifications/kind-choices";
import { QUIET_TIMES, readNotificationSettings } from "@/lib/notifications/settings";
import { NOTIFICATION_WORDS } from "@/lib/notifications/words";
import { dateTimeFormat } from "@/lib/time";
import { saveNotificationSettingsAction } from "./actions";

/** The tab's title in the reader's language, like every word on the page. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await portalMessages(await requireActor());
  return { title: t.notificationSettings.title };
}

/** "21:30" as the reader says a time of day: "9:30 PM", "9:30 p. m.". */
function timeOptions(locale: Locale) {
  const format = dateTimeFormat(locale === "es" ? "es-US" : "en-US", {
    hour: "numeric",
    minute: "2-digit",
    timeZone: "UTC",
  });
  return QUIET_TIMES.map((value) => {
    const [h, m] = value.split(":").map(Number);
    return { value, label: format.format(new Date(Date.UTC(2000, 0, 1, h, m))) };
  });
}

/** A box per kind for one channel, each named in plain words ("Appointment reminders"). */
function kindBoxesFor(locale: Locale, channel: KindChannel, on: Record<string, boolean>) {
  const about = NOTIFICATION_WORDS[locale].about;
  return PATIENT_SIDE_KINDS.map((kind) => ({
    name: kindField(channel, kind),
    label: about[kind].charAt(0).toUpperCase() + about[kind].slice(1),
    defaultChecked: on[kind],
  }));
}

/**
 * What reaches the signed-in person outside the portal, and how: their own choices alone (a
 * patient's, or a family member's for themselves), in their language. The opt-in's words are
 * shown beside its box and kept word for word when it is ticked.
 */
export default async function NotificationSettingsPage() {
  const actor = await requireActor();
  const s = await orNotFound(readNotificationSettings(actor));
  const { locale, t } = await portalMessages(actor);
  const n = t.notificationSettings;
  const f = portalFormat(locale);
  const times = timeOptions(locale);
  const texting = s.smsOptIn !== null && s.smsStoppedAt === null;
  // After STOP the warning above says it all.
  const status = s.smsStoppedAt ? null : s.smsOptIn ? n.optedIn(f.dateTime(s.smsOptIn.at)) : n.notOptedIn;
  return (
    <>
      <p className="mb-4">
        <Link href="/me/notifications">{n.back}</Link>
      </p>
      <h1 className="mb-2">{n.title}</h1>
      <p className="mb-6 max-w-prose">{n.intro}</p>
      {s.smsStoppedAt ? (
        <Alert tone="warning">
          <p>{n.stopped}</p>
        </Alert>
      ) : null}
      {s.confidential ? (
        <Alert tone="info">
          <p>{n.confidentialEmail(s.confidential.email)}</p>
          <p>{n.confidentialPhone(s.confidential.phone)}</p>
        </Alert>
      ) : null}
      <TwoColumns side="22rem">
        <Card as="section" aria-label={n.title} className="min-w-0">
          {status ? <p className="mb-4 font-medium">{status}</p> : null}
          <ActionForm
            action={saveNotificationSettingsAction}
            submitLabel={n.save}
            {...portalFormWords(t)}
            hidden={{ version: String(s.version), shownIn: locale }}
            fields={[
              {
                kind: "select",
                name: "language",
                label: n.language,
                defaultValue: s.language,
                options: (["en", "es"] as const).map((l) => ({ value: l, label: MESSAGES[l].languageName })),
              },
              {
                kind: "checkbox",
                name: "email",
                label: s.confidential ? n.emailConfidential : n.email(s.signInEmail),
                defaultChecked: s.email,
              },
              {
                kind: "checkboxes",
                name: "emailKinds",
                label: n.emailKinds,
                boxes: kindBoxesFor(locale, "email", s.emailKinds),
              },
              {
                kind: "text",
                name: "smsPhone",
                label: n.phone,
                hint: n.phoneHint,
                autoComplete: "tel",
                defaultValue: s.smsPhone ?? s.confidential?.phone ?? "",
              },
              { kind: "checkbox", name: "smsOptIn", label: n.smsOptInWording, defaultChecked: texting },
              {
                kind: "checkboxes",
                name: "smsKinds",
                label: n.smsKinds,
                boxes: kindBoxesFor(locale, "sms", s.smsKinds),
              },
              {
                kind: "select",
                name: "quietFrom",
                label: n.quietFrom,
                options: times,
                defaultValue: s.quietFrom,
              },
              {
                kind: "select",
                name: "quietUntil",
                label: n.quietUntil,
                options: times,
                defaultValue: s.quietUntil,
              },
              {
                kind: "checkbox",
                name: "includeDetails",
                label: n.includeDetails,
                defaultChecked: s.includeDetails,
              },
            ]}
          />
        </Card>
        <CardSection
          id="explain-heading"
          title={n.explainTitle}
          headingClassName="mb-3"
          className="self-start"
        >
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="font-semibold">{n.emailTitle}</dt>
              <dd>
                {s.confidential ? n.confidentialEmail(s.confidential.email) : n.emailExplain(s.signInEmail)}
              </dd>
            </div>
            <div>
              <dt className="font-semibold">{n.textsTitle}</dt>
              <dd>{n.textsExplain}</dd>
            </div>
            <div>
              <dt className="font-semibold">{n.kindsTitle}</dt>
              <dd>{n.kindsExplain}</dd>
            </div>
            <div>
              <dt className="font-semibold">{n.quietTitle}</dt>
              <dd>{n.quietExplain}</dd>
            </div>
            <div>
              <dt className="font-semibold">{n.detailsTitle}</dt>
              <dd>{n.detailsExplain}</dd>
            </div>
          </dl>
        </CardSection>
      </TwoColumns>
    </>
  );
}
