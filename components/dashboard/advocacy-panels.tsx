import Link from "next/link";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { ListCard } from "@/components/ui/list-card";
import type { FollowUpDue } from "@/lib/advocacy";
import { CONCERN_STATUS_LABELS, type ConcernDashboard } from "@/lib/concerns";
import type { RightsCounts } from "@/lib/rights-requests";
import { formatCalendarDate, formatDateTime } from "@/lib/time";

/**
 * The dashboard's panels of an advocate's work: unresolved concerns by status, the rights
 * requests' clocks and the follow-ups due. Each is null for a role that does not do that work.
 */
export function AdvocacyPanels({
  concerns,
  rights,
  followUps,
}: {
  concerns: ConcernDashboard | null;
  rights: RightsCounts | null;
  followUps: FollowUpDue[] | null;
}) {
  return (
    <>
      {concerns ? (
        <CardSection
          id="concerns-heading"
          title="Concerns not yet resolved"
          headingClassName=""
          className="mb-8"
        >
          {concerns.byStatus.length === 0 ? (
            <EmptyState framed={false} className="mt-2">
              No open concerns in your caseload.
            </EmptyState>
          ) : (
            <>
              <p className="mt-2">
                <strong data-testid="concerns-overdue">{concerns.overdue}</strong> overdue
                {concerns.interimNoticesDue > 0
                  ? `, ${concerns.interimNoticesDue} owed an interim notice`
                  : ""}
                . <Link href="/concerns?status=active">Open the worklist</Link>
              </p>
              <table className="mt-3 max-w-lg">
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col">Concerns</th>
                    <th scope="col">Oldest received</th>
                  </tr>
                </thead>
                <tbody>
                  {concerns.byStatus.map((row) => (
                    <tr key={row.status}>
                      <td>
                        <Link href={`/concerns?status=${row.status}`}>
                          {CONCERN_STATUS_LABELS[row.status]}
                        </Link>
                      </td>
                      <td>{row.count}</td>
                      <td>{formatDateTime(row.oldestReceivedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </CardSection>
      ) : null}
      {rights ? (
        <CardSection id="rights-heading" title="Rights requests" headingClassName="" className="mb-8">
          <p className="mt-2">
            <strong>{rights.dueSoon}</strong> due within 7 days · <strong>{rights.overdue}</strong> overdue.{" "}
            <Link href="/rights-requests?status=open">Open the worklist</Link>
          </p>
        </CardSection>
      ) : null}
      {followUps ? (
        <ListCard
          id="follow-ups-heading"
          title="Follow-ups due this week"
          className="mb-8"
          items={followUps}
          itemKey={(f) => f.id}
          empty="No follow-ups from the representation log are due in the next 7 days."
        >
          {(f) => (
            <>
              <Link href={`/patients/${f.patientId}/advocacy`}>{f.patientName}</Link>: {f.organisation}, by{" "}
              {formatCalendarDate(f.followUpOn)}
              {f.overdue ? <strong className="ml-2 text-red-800">Overdue</strong> : null}
            </>
          )}
        </ListCard>
      ) : null}
    </>
  );
}
