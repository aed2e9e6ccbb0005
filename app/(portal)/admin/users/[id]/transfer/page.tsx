import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { CaseloadTransferForm } from "@/components/admin/caseload-transfer-form";
import { ROLE_LABEL } from "@/components/app-shell";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { getCaseloadTransfer, UserIdSchema } from "@/lib/users";
import { transferCaseloadAction } from "../../actions";

export const metadata: Metadata = { title: "Move caseload" };

export default async function CaseloadTransferPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = UserIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const actor = await requireActor();
  const form = await orNotFound(getCaseloadTransfer(actor, parsed.data));
  const role = ROLE_LABEL[form.from.role].toLowerCase();
  return (
    <>
      <p className="mb-2">
        <Link href={`/admin/users/${form.from.id}`}>Back to {form.from.name}</Link>
      </p>
      <PageHeader title={`Move ${form.from.name}'s patients`} />
      <Card className="max-w-3xl">
        <p className="mb-4">
          Hand some or all of this {role}&apos;s patients to another {role} in one step, for example when
          someone leaves or goes on leave. Untick the patients who stay.
        </p>
        {form.caseload.length === 0 ? (
          <EmptyState
            framed={false}
            next={<Link href={`/admin/users/${form.from.id}`}>Assign patients on their page.</Link>}
          >
            {form.from.name} has no patients in their caseload, so there is nothing to move.
          </EmptyState>
        ) : form.targets.length === 0 ? (
          <EmptyState
            framed={false}
            next={<Link href="/admin/users/new">Create another {role} account first.</Link>}
          >
            There is no other active {role} to take these patients.
          </EmptyState>
        ) : (
          <CaseloadTransferForm
            action={transferCaseloadAction.bind(null, form.from.id)}
            fromName={form.from.name}
            role={role}
            caseload={form.caseload}
            targets={form.targets}
          />
        )}
      </Card>
    </>
  );
}
