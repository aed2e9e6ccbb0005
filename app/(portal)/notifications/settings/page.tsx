import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { languageName } from "@/components/language/writing-for";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { readStaffNotificationSettings } from "@/lib/notifications/staff-settings";
import { saveStaffNotificationSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Notification settings" };

/**
 * A staff member's (or the admin's) own choice of which notices also come by email, and the
 * language of those emails. The bell always shows them: email is the only thing to turn off.
 */
export default async function StaffNotificationSettingsPage() {
  const actor = await requireActor();
  const s = await orNotFound(readStaffNotificationSettings(actor));
  return (
    <>
      <p className="mb-4">
        <Link href="/notifications">Back to notifications</Link>
      </p>
      <PageHeader title="Notification settings" />
      <p className="mb-6 max-w-prose">
        Everything below always comes to your notifications list in Carebridge. Choose which also come by
        email to {s.signInEmail}. An email says only that something is waiting and links here to sign in: it
        never names a patient.
      </p>
      <Card as="section" aria-label="Email choices" className="max-w-xl">
        <ActionForm
          action={saveStaffNotificationSettingsAction}
          submitLabel="Save settings"
          hidden={{ version: String(s.version) }}
          fields={[
            {
              kind: "checkbox",
              name: "emailDigest",
              label: "Email me the daily summary at 7:00 when work is waiting on me",
              defaultChecked: s.email["daily-digest"],
            },
            {
              kind: "checkbox",
              name: "emailOverdue",
              label: "Email me when a rights request or grievance I look after passes its deadline",
              defaultChecked: s.email["overdue-alert"],
            },
            {
              kind: "select",
              name: "language",
              label: "Language of these emails",
              defaultValue: s.language,
              options: (["en", "es"] as const).map((l) => ({ value: l, label: languageName(l) })),
            },
          ]}
        />
        <p className="mt-4 text-sm">
          A patient&apos;s conversation waiting for an answer comes to your notifications list only, never by
          email.
        </p>
      </Card>
    </>
  );
}
