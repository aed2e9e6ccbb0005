import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { PatientSearchForm, PatientSearchResults } from "@/components/admin/patient-search";
import { ROLE_LABEL } from "@/components/app-shell";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { TableHead, Td } from "@/components/ui/table-head";
import { requireActor } from "@/lib/auth/current-user";
import { OrgSearchQuerySchema, searchPatients } from "@/lib/patients";
import { formatDateTime } from "@/lib/time";
import { getUser, UserIdSchema } from "@/lib/users";
import {
  assignCaseloadAction,
  endCaseloadAction,
  resetPasswordAction,
  setActiveAction,
  updateRoleAction,
} from "../actions";
import { SecondFactorSection } from "./second-factor-section";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = UserIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const actor = await requireActor();
  const user = await orNotFound(getUser(actor, parsed.data));
  const query = await searchParams;
  const created = query.created === "1";
  const staff = user.role === "coordinator" || user.role === "advocate" || user.role === "admin";
  const holdsCaseload = user.role === "coordinator" || user.role === "advocate";
  const { q } = OrgSearchQuerySchema.parse({ q: query.q });
  // The caseload flag in the results is about this person's caseload, not the admin's.
  const search = holdsCaseload ? await searchPatients(actor, q, { caseloadOf: user.id }) : null;
  const self = user.id === actor.userId;
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/users">All users</Link>
      </p>
      <h1>{user.name}</h1>
      <p className="mb-6 text-slate-700">
        {user.email} · {ROLE_LABEL[user.role]} · {user.active ? "Active" : "Deactivated"} · created{" "}
        {formatDateTime(user.createdAt)} · {user.activeSessions} open{" "}
        {user.activeSessions === 1 ? "session" : "sessions"}
        {user.patientMrn ? ` · patient ${user.patientMrn}` : ""}
      </p>
      {created ? <Alert tone="success">Account created.</Alert> : null}
      {query.secondFactorReset === "1" ? (
        <Alert tone="success">Second factor reset. Their open sessions have ended.</Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        {staff && !self ? (
          <CardSection id="role-heading" title="Role">
            <ActionForm
              action={updateRoleAction.bind(null, user.id)}
              hidden={{ version: String(user.version) }}
              submitLabel="Change role"
              confirm={{
                title: "Change this person's role?",
                body: "Their open sessions end at once and their caseload assignments are closed.",
                confirmLabel: "Change role",
              }}
              fields={[
                {
                  kind: "select",
                  name: "role",
                  label: "Role",
                  defaultValue: user.role,
                  options: (["admin", "coordinator", "advocate"] as const).map((r) => ({
                    value: r,
                    label: ROLE_LABEL[r],
                  })),
                },
              ]}
            />
          </CardSection>
        ) : null}

        {!self ? (
          <CardSection id="status-heading" title="Account status">
            {user.active ? (
              <ActionForm
                action={setActiveAction.bind(null, user.id)}
                hidden={{ active: "false", version: String(user.version) }}
                submitLabel="Deactivate account"
                variant="danger"
                confirm={{
                  title: `Deactivate ${user.name}?`,
                  body: "They are signed out on their next request and cannot sign in until reactivated. Nothing they recorded is deleted.",
                  confirmLabel: "Deactivate",
                }}
                fields={[]}
              />
            ) : (
              <ActionForm
                action={setActiveAction.bind(null, user.id)}
                hidden={{ active: "true", version: String(user.version) }}
                submitLabel="Reactivate account"
                fields={[]}
              />
            )}
          </CardSection>
        ) : null}

        {!self ? <SecondFactorSection admin={actor} user={user} /> : null}

        <CardSection id="password-heading" title="Reset password">
          <ActionForm
            action={resetPasswordAction.bind(null, user.id)}
            submitLabel="Set new password"
            fields={[
              {
                kind: "password",
                name: "password",
                label: "New password",
                required: true,
                hint: "12 to 128 characters; a common, breached, repeated or sequential password is refused.",
              },
            ]}
          />
        </CardSection>

        {holdsCaseload && search ? (
          <CardSection
            id="caseload-heading"
            title="Caseload"
            count={user.caseload.length}
            className="lg:col-span-2"
          >
            {user.caseload.length > 0 ? (
              <p className="mb-4">
                <Link href={`/admin/users/${user.id}/transfer`}>
                  Move some or all of {user.name}&apos;s patients to another {user.role}
                </Link>
              </p>
            ) : null}
            <PatientSearchForm
              action={`/admin/users/${user.id}#caseload-heading`}
              query={q}
              label="Find a patient to add"
            />
            <PatientSearchResults
              search={search}
              caseloadLabel={`In ${user.name}'s caseload`}
              empty="Check the spelling, try the family name alone, or add the patient by MRN below."
              action={(p) =>
                p.inCaseload ? (
                  <span className="text-slate-700">Already in the caseload</span>
                ) : (
                  <ActionForm
                    action={assignCaseloadAction.bind(null, user.id)}
                    hidden={{ patientMrn: p.mrn }}
                    submitLabel={`Add ${p.mrn}`}
                    pendingLabel="Adding…"
                    fields={[]}
                  />
                )
              }
            />
            <ActionForm
              action={assignCaseloadAction.bind(null, user.id)}
              submitLabel="Add to caseload"
              fields={[
                {
                  kind: "text",
                  name: "patientMrn",
                  label: "Patient MRN",
                  required: true,
                  hint: "e.g. CB-100001",
                },
                { kind: "checkbox", name: "primary", label: `Make them the patient's primary ${user.role}` },
              ]}
            />
            {user.caseload.length === 0 ? (
              <EmptyState framed={false} className="mt-4" next="Add one by MRN above.">
                No patients yet.
              </EmptyState>
            ) : (
              <table className="mt-6">
                <TableHead
                  density="dense"
                  columns={[
                    "Patient",
                    "MRN",
                    "Primary",
                    { key: "actions", label: <span className="sr-only">Actions</span> },
                  ]}
                />
                <tbody>
                  {user.caseload.map((c) => (
                    <tr key={c.assignmentId} className="border-t border-slate-200">
                      <Td density="dense">{c.name}</Td>
                      <Td density="dense">{c.mrn}</Td>
                      <Td density="dense">{c.isPrimary ? "Yes" : "No"}</Td>
                      <Td density="dense">
                        <ActionForm
                          action={endCaseloadAction.bind(null, user.id)}
                          hidden={{ assignmentId: c.assignmentId }}
                          submitLabel={`Remove ${c.mrn}`}
                          variant="danger"
                          confirm={{
                            title: `Remove ${c.name} from this caseload?`,
                            body: "They lose access to this patient's record at once. The assignment history is kept.",
                            confirmLabel: "Remove",
                          }}
                          fields={[]}
                        />
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </CardSection>
        ) : null}

        {user.familyOf.length > 0 ? (
          <CardSection id="family-heading" title="Family access" headingClassName="">
            <ul className="mt-2">
              {user.familyOf.map((f) => (
                <li key={f.grantId}>
                  {f.relationship} of {f.name} ({f.mrn})
                </li>
              ))}
            </ul>
          </CardSection>
        ) : null}
      </div>
    </>
  );
}
