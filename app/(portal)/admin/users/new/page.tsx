import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { ROLE_LABEL } from "@/components/app-shell";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { getNewUserForm } from "@/lib/users";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "Create a user" };

export default async function NewUserPage() {
  const actor = await requireActor();
  const { roles } = await orNotFound(getNewUserForm(actor));
  return (
    <>
      <PageHeader title="Create a user" />
      <Card>
        <ActionForm
          action={createUserAction}
          submitLabel="Create the account"
          pendingLabel="Creating…"
          fields={[
            { kind: "text", name: "name", label: "Full name", required: true, autoComplete: "off" },
            { kind: "email", name: "email", label: "Email", required: true, autoComplete: "off" },
            {
              kind: "select",
              name: "role",
              label: "Role",
              options: roles.map((r) => ({ value: r, label: ROLE_LABEL[r] })),
              defaultValue: "coordinator",
            },
            {
              kind: "password",
              name: "password",
              label: "Initial password",
              required: true,
              hint: "12 to 128 characters; a common, breached, repeated or sequential password is refused. Give it to them in person.",
            },
            {
              kind: "text",
              name: "patientMrn",
              label: "Patient MRN",
              hint: "For a patient or family account: whose record it opens, e.g. CB-100001.",
            },
            {
              kind: "text",
              name: "relationship",
              label: "Relationship to the patient",
              hint: "For a family account, e.g. daughter, spouse, caregiver.",
            },
          ]}
        />
      </Card>
    </>
  );
}
