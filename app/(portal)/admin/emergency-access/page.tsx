import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireActor } from "@/lib/auth/current-user";
import { listEmergencyGrants, ReviewListQuerySchema } from "@/lib/emergency-access";
import { formatDateTime } from "@/lib/time";
import { reviewEmergencyAccessAction } from "../actions";

export const metadata: Metadata = { title: "Emergency access review" };

const TABS = [
  { status: "pending", label: "Waiting for review" },
  { status: "reviewed", label: "Reviewed" },
  { status: "all", label: "All" },
] as const;

export default async function EmergencyReviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const query = ReviewListQuerySchema.parse(await searchParams);
  const result = await orNotFound(listEmergencyGrants(actor, query));
  return (
    <>
      <PageHeader title="Emergency access review" />
      <nav aria-label="Filter by review status" className="mb-6">
        <ul className="flex gap-4">
          {TABS.map((t) => (
            <li key={t.status}>
              <Link
                href={`/admin/emergency-access?status=${t.status}`}
                aria-current={query.status === t.status ? "page" : undefined}
                className={query.status === t.status ? "font-bold" : ""}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {result.rows.length === 0 ? (
        <EmptyState>
          {query.status === "pending"
            ? "Nothing is waiting for review."
            : "No emergency access has been used."}
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {result.rows.map((g) => (
            <Card as="li" key={g.id}>
              <h2>
                {g.userName} ({g.userRole}) opened {g.patientMrn}
              </h2>
              <p className="text-sm text-slate-700">
                {formatDateTime(g.grantedAt)}, access until {formatDateTime(g.expiresAt)}
              </p>
              <p className="my-2">
                <span className="font-medium">Reason given:</span> {g.reason}
              </p>
              <p className="mb-2">
                <Link href={`/admin/audit?patient=${encodeURIComponent(g.patientMrn)}`}>
                  See what was read on this record
                </Link>
              </p>
              {g.reviewedAt ? (
                <p>
                  Reviewed by {g.reviewerName} on {formatDateTime(g.reviewedAt)}: {g.reviewNote}
                </p>
              ) : (
                <ActionForm
                  action={reviewEmergencyAccessAction.bind(null, g.id)}
                  submitLabel="Record review"
                  fields={[
                    {
                      kind: "textarea",
                      name: "note",
                      label: "Review finding",
                      required: true,
                      maxLength: 1000,
                    },
                  ]}
                />
              )}
            </Card>
          ))}
        </ul>
      )}
      <Pagination
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        basePath="/admin/emergency-access"
        params={{ status: query.status }}
      />
    </>
  );
}
