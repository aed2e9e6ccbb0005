import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { requireActor } from "@/lib/auth/current-user";
import { readSecuritySettings } from "@/lib/auth/second-factor/organisation";
import { formatDateTime } from "@/lib/time";
import { saveSecuritySettingsAction } from "./actions";

export const metadata: Metadata = { title: "Sign-in rules" };

/** The admin's page for the organisation's sign-in rules. */
export default async function SecuritySettingsPage() {
  const actor = await requireActor();
  const settings = await orNotFound(readSecuritySettings(actor));
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4">Sign-in rules</h1>
      <p className="mb-4">
        {settings.secondFactorRequiredForStaff
          ? "Staff (coordinators, advocates and admins) must use a second factor."
          : "Staff may sign in with a password alone."}
        {settings.updatedByName && settings.updatedAt
          ? ` Last changed by ${settings.updatedByName}, ${formatDateTime(settings.updatedAt)}.`
          : null}
      </p>
      <ActionForm
        action={saveSecuritySettingsAction}
        submitLabel="Save sign-in rules"
        hidden={{ version: String(settings.version) }}
        fields={[
          {
            kind: "select",
            name: "secondFactorRequiredForStaff",
            label: "Second factor for staff",
            defaultValue: settings.secondFactorRequiredForStaff ? "on" : "off",
            options: [
              { value: "on", label: "Required: staff without one set it up at their next sign-in" },
              { value: "off", label: "Optional: each person decides" },
            ],
          },
        ]}
      />
      <p className="mt-6 text-sm text-slate-600">
        Patients and family may add a second factor from their own security page; it is never required of
        them.
      </p>
    </div>
  );
}
