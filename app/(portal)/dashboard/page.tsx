import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { ChangeRequestList } from "@/components/change-requests";
import { LongestListed, MoreLink, PatientLink } from "@/components/dashboard/panel-links";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { ListCard } from "@/components/ui/list-card";
import { PageHeader } from "@/components/ui/page-header";
import { listFollowUpsDue } from "@/lib/advocacy";
import { listChangeRequestsForCaseload } from "@/lib/appointments/requests";
import { getSchedule } from "@/lib/appointments/schedule";
import { requireActor } from "@/lib/auth/current-user";
import { getCarePlanWorklist } from "@/lib/care-plans";
import { CONCERN_STATUS_LABELS, getConcernDashboard } from "@/lib/concerns";
import { listMyActiveEmergencyGrants } from "@/lib/emergency-access";
import { listInbox } from "@/lib/messages";
import { dashboardPanels, getStaffDashboard } from "@/lib/patients";
import { auditReadsTogether } from "@/lib/records/read-audit";
import { getRightsCounts } from "@/lib/rights-requests";
import { formatCalendarDate, formatDateTime, formatTime } from "@/lib/time";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const can = dashboardPanels(actor);
  const [summary, emergency, week, inbox, plans, concernSummary, followUps, rights, changeRequests] =
    // The panels' audit events in one statement, written before the page renders (issue 19).
    await orNotFound(
      auditReadsTogether(() =>
        Promise.all([
          getStaffDashboard(actor),
          listMyActiveEmergencyGrants(actor),
          getSchedule(actor, { view: "week" }, { withClinicianOptions: false }),
          listInbox(actor),
          getCarePlanWorklist(actor),
          can.canWorkConcerns ? getConcernDashboard(actor) : null,
          can.canWorkFollowUps ? listFollowUpsDue(actor) : [],
          can.canWorkRightsRequests ? getRightsCounts(actor) : null,
          listChangeRequestsForCaseload(actor),
        ]),
      ),
    );
  const today =
    week.days.find((d) => d.date === week.today)?.items.filter((i) => i.status !== "cancelled") ?? [];
  const later = week.days
    .filter((d) => d.date > week.today)
    .flatMap((d) => d.items)
    .filter((i) => i.status !== "cancelled");
  const unreadThreads = inbox.filter((t) => t.unread > 0).slice(0, 5);
  const overdueConversations = inbox.filter((t) => t.overdue);
  return (
    <>
      <PageHeader title={`Good to see you, ${actor.name.split(" ")[0]}`} />
      <CardSection id="caseload-heading" title="Your caseload" headingClassName="" className="mb-8">
        <p className="mt-2 text-3xl font-bold" data-testid="caseload-count">
          {summary.caseloadCount}
        </p>
        <p>
          {summary.caseloadCount === 1 ? "patient" : "patients"} assigned to you.{" "}
          <Link href="/patients">See and search your patients</Link>.
        </p>
      </CardSection>
      {changeRequests.length > 0 ? (
        <CardSection
          id="change-requests-heading"
          title="Patients asking to move or cancel"
          count={changeRequests.length}
          headingClassName="mb-3"
          className="mb-8"
        >
          <ChangeRequestList tasks={changeRequests} showPatient />
        </CardSection>
      ) : null}
      {concernSummary ? (
        <CardSection
          id="concerns-heading"
          title="Concerns not yet resolved"
          headingClassName=""
          className="mb-8"
        >
          {concernSummary.byStatus.length === 0 ? (
            <EmptyState framed={false} className="mt-2">
              No open concerns in your caseload.
            </EmptyState>
          ) : (
            <>
              <p className="mt-2">
                <strong data-testid="concerns-overdue">{concernSummary.overdue}</strong> overdue
                {concernSummary.interimNoticesDue > 0
                  ? `, ${concernSummary.interimNoticesDue} owed an interim notice`
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
                  {concernSummary.byStatus.map((row) => (
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
      {can.canWorkFollowUps ? (
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
      <div className="mb-8 grid gap-6 md:grid-cols-2">
        <ListCard
          id="today-heading"
          title="Today's appointments"
          count={today.length}
          items={today.slice(0, 8)}
          itemKey={(i) => i.id}
          empty="Nothing booked for your patients today."
          footer={<MoreLink href="/schedule?view=day">Open today&apos;s agenda</MoreLink>}
        >
          {(i) => (
            <>
              {formatTime(i.startsAt)} <PatientLink patient={i.patient} />
              {i.title ? `: ${i.title}` : ""}
            </>
          )}
        </ListCard>
        <ListCard
          id="week-heading"
          title="Later this week"
          count={later.length}
          items={later.slice(0, 8)}
          itemKey={(i) => i.id}
          empty="Nothing else booked this week."
          footer={<MoreLink href="/schedule">Open the week</MoreLink>}
        >
          {(i) => (
            <>
              {formatDateTime(i.startsAt)} <PatientLink patient={i.patient} />
            </>
          )}
        </ListCard>
        <ListCard
          id="review-heading"
          title="Plans due for review"
          count={plans.dueForReviewTotal}
          items={plans.dueForReview}
          itemKey={(p) => p.planId}
          empty="No care plan in your caseload is past its review date."
          footer={<LongestListed shown={plans.dueForReview.length} total={plans.dueForReviewTotal} />}
        >
          {(p) => (
            <>
              <Link href={`/patients/${p.patientId}/care-plan?plan=${p.planId}`}>{p.patientName}</Link>:{" "}
              {p.title}, review was due {formatCalendarDate(p.reviewDate)}
            </>
          )}
        </ListCard>
        <ListCard
          id="overdue-heading"
          title="Overdue interventions"
          count={plans.overdueTotal}
          items={plans.overdue}
          itemKey={(i) => i.id}
          empty="No task on an active plan in your caseload is past due."
          footer={<LongestListed shown={plans.overdue.length} total={plans.overdueTotal} />}
        >
          {(i) => (
            <>
              <Link href={`/patients/${i.patientId}/care-plan`}>{i.patientName}</Link>: {i.description}{" "}
              <span className="text-slate-700">
                (due {formatCalendarDate(i.dueDate)}, {i.ownerName ?? "not assigned"})
              </span>
            </>
          )}
        </ListCard>
        <ListCard
          id="overdue-conversations-heading"
          title="Conversations overdue for an answer"
          className="md:col-span-2"
          items={overdueConversations.slice(0, 5)}
          itemKey={(t) => t.id}
          empty="No patient is waiting past the answer time."
          footer={
            <LongestListed
              shown={Math.min(5, overdueConversations.length)}
              total={overdueConversations.length}
            />
          }
        >
          {(t) => (
            <>
              <Link href={`/patients/${t.patientId}/messages#thread-${t.id}`}>{t.subject}</Link> ·{" "}
              {t.patientName} · due {formatDateTime(t.answerDueAt!)} · {t.assignedToName ?? "not assigned"}
            </>
          )}
        </ListCard>
        <ListCard
          id="unread-heading"
          title="Unread messages"
          className="md:col-span-2"
          items={unreadThreads}
          itemKey={(t) => t.id}
          empty="You are up to date with your care teams' messages."
          footer={<MoreLink href="/messages">All messages</MoreLink>}
        >
          {(t) => (
            <>
              <Link href={`/patients/${t.patientId}/messages#thread-${t.id}`}>{t.subject}</Link> ·{" "}
              {t.patientName} · {t.unread} unread
            </>
          )}
        </ListCard>
      </div>
      <ListCard
        id="recent-heading"
        title="Records you opened recently"
        className="mb-8"
        items={summary.recent}
        itemKey={(r) => r.id}
        empty="You have not opened a record in the last 30 days."
        emptyNext={
          <>
            Open one from <Link href="/patients">Patients</Link>.
          </>
        }
      >
        {(r) => (
          <>
            <Link href={`/patients/${r.id}`}>{r.name}</Link> <span className="text-slate-600">{r.mrn}</span>,
            opened {formatDateTime(r.openedAt)}
          </>
        )}
      </ListCard>
      {emergency.length > 0 ? (
        <section
          aria-labelledby="emergency-heading"
          className="rounded-lg border border-amber-600 bg-amber-50 p-6"
        >
          <h2 id="emergency-heading">Your emergency access</h2>
          <ul className="mt-2 space-y-1">
            {emergency.map((g) => (
              <li key={`${g.patientId}-${g.expiresAt.toISOString()}`}>
                <Link href={`/patients/${g.patientId}`}>
                  {g.familyName}, {g.givenName}
                </Link>{" "}
                ({g.mrn}) until {formatDateTime(g.expiresAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
