import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { ChangeRequestList } from "@/components/change-requests";
import { Card } from "@/components/ui/card";
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
import { getRightsCounts } from "@/lib/rights-requests";
import { formatCalendarDate, formatDateTime, formatTime } from "@/lib/time";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const can = dashboardPanels(actor);
  const [summary, emergency, week, inbox, plans, concernSummary, followUps, rights, changeRequests] =
    await orNotFound(
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
    );
  const today =
    week.days.find((d) => d.date === week.today)?.items.filter((i) => i.status !== "cancelled") ?? [];
  const later = week.days
    .filter((d) => d.date > week.today)
    .flatMap((d) => d.items)
    .filter((i) => i.status !== "cancelled");
  const unreadThreads = inbox.filter((t) => t.unread > 0).slice(0, 5);
  return (
    <>
      <PageHeader title={`Good to see you, ${actor.name.split(" ")[0]}`} />
      <Card as="section" aria-labelledby="caseload-heading" className="mb-8">
        <h2 id="caseload-heading">Your caseload</h2>
        <p className="mt-2 text-3xl font-bold" data-testid="caseload-count">
          {summary.caseloadCount}
        </p>
        <p>
          {summary.caseloadCount === 1 ? "patient" : "patients"} assigned to you.{" "}
          <Link href="/patients">See and search your patients</Link>.
        </p>
      </Card>
      {changeRequests.length > 0 ? (
        <Card as="section" aria-labelledby="change-requests-heading" className="mb-8">
          <h2 id="change-requests-heading" className="mb-3">
            Patients asking to move or cancel ({changeRequests.length})
          </h2>
          <ChangeRequestList tasks={changeRequests} showPatient />
        </Card>
      ) : null}
      {concernSummary ? (
        <Card as="section" aria-labelledby="concerns-heading" className="mb-8">
          <h2 id="concerns-heading">Concerns not yet resolved</h2>
          {concernSummary.byStatus.length === 0 ? (
            <p className="mt-2">No open concerns in your caseload.</p>
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
        </Card>
      ) : null}
      {rights ? (
        <Card as="section" aria-labelledby="rights-heading" className="mb-8">
          <h2 id="rights-heading">Rights requests</h2>
          <p className="mt-2">
            <strong>{rights.dueSoon}</strong> due within 7 days · <strong>{rights.overdue}</strong> overdue.{" "}
            <Link href="/rights-requests?status=open">Open the worklist</Link>
          </p>
        </Card>
      ) : null}
      {can.canWorkFollowUps ? (
        <Card as="section" aria-labelledby="follow-ups-heading" className="mb-8">
          <h2 id="follow-ups-heading">Follow-ups due this week</h2>
          {followUps.length === 0 ? (
            <p className="mt-2">No follow-ups from the representation log are due in the next 7 days.</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {followUps.map((f) => (
                <li key={f.id}>
                  <Link href={`/patients/${f.patientId}/advocacy`}>{f.patientName}</Link>: {f.organisation},
                  by {formatCalendarDate(f.followUpOn)}
                  {f.overdue ? <strong className="ml-2 text-red-800">Overdue</strong> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
      <div className="mb-8 grid gap-6 md:grid-cols-2">
        <Card as="section" aria-labelledby="today-heading">
          <h2 id="today-heading">Today&apos;s appointments ({today.length})</h2>
          {today.length === 0 ? (
            <p className="mt-2">Nothing booked for your patients today.</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {today.slice(0, 8).map((i) => (
                <li key={i.id}>
                  {formatTime(i.startsAt)}{" "}
                  {i.patient ? (
                    <Link href={`/patients/${i.patient.id}/appointments`}>{i.patient.name}</Link>
                  ) : null}
                  {i.title ? `: ${i.title}` : ""}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2">
            <Link href="/schedule?view=day">Open today&apos;s agenda</Link>
          </p>
        </Card>
        <Card as="section" aria-labelledby="week-heading">
          <h2 id="week-heading">Later this week ({later.length})</h2>
          {later.length === 0 ? (
            <p className="mt-2">Nothing else booked this week.</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {later.slice(0, 8).map((i) => (
                <li key={i.id}>
                  {formatDateTime(i.startsAt)}{" "}
                  {i.patient ? (
                    <Link href={`/patients/${i.patient.id}/appointments`}>{i.patient.name}</Link>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2">
            <Link href="/schedule">Open the week</Link>
          </p>
        </Card>
        <Card as="section" aria-labelledby="review-heading">
          <h2 id="review-heading">Plans due for review ({plans.dueForReviewTotal})</h2>
          {plans.dueForReview.length === 0 ? (
            <p className="mt-2">No care plan in your caseload is past its review date.</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {plans.dueForReview.map((p) => (
                <li key={p.planId}>
                  <Link href={`/patients/${p.patientId}/care-plan?plan=${p.planId}`}>{p.patientName}</Link>:{" "}
                  {p.title}, review was due {formatCalendarDate(p.reviewDate)}
                </li>
              ))}
            </ul>
          )}
          {plans.dueForReviewTotal > plans.dueForReview.length ? (
            <p className="mt-2 text-sm text-slate-700">
              The {plans.dueForReview.length} longest overdue are listed.
            </p>
          ) : null}
        </Card>
        <Card as="section" aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">Overdue interventions ({plans.overdueTotal})</h2>
          {plans.overdue.length === 0 ? (
            <p className="mt-2">No task on an active plan in your caseload is past due.</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {plans.overdue.map((i) => (
                <li key={i.id}>
                  <Link href={`/patients/${i.patientId}/care-plan`}>{i.patientName}</Link>: {i.description}{" "}
                  <span className="text-slate-700">
                    (due {formatCalendarDate(i.dueDate)}, {i.ownerName ?? "not assigned"})
                  </span>
                </li>
              ))}
            </ul>
          )}
          {plans.overdueTotal > plans.overdue.length ? (
            <p className="mt-2 text-sm text-slate-700">
              The {plans.overdue.length} longest overdue are listed.
            </p>
          ) : null}
        </Card>
        <Card as="section" aria-labelledby="unread-heading" className="md:col-span-2">
          <h2 id="unread-heading">Unread messages</h2>
          {unreadThreads.length === 0 ? (
            <p className="mt-2">You are up to date with your care teams&apos; messages.</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {unreadThreads.map((t) => (
                <li key={t.id}>
                  <Link href={`/patients/${t.patientId}/messages#thread-${t.id}`}>{t.subject}</Link> ·{" "}
                  {t.patientName} · {t.unread} unread
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2">
            <Link href="/messages">All messages</Link>
          </p>
        </Card>
      </div>
      <Card as="section" aria-labelledby="recent-heading" className="mb-8">
        <h2 id="recent-heading">Records you opened recently</h2>
        {summary.recent.length === 0 ? (
          <p className="mt-2">
            You have not opened a record in the last 30 days. Open one from{" "}
            <Link href="/patients">Patients</Link>.
          </p>
        ) : (
          <ul className="mt-2 space-y-1">
            {summary.recent.map((r) => (
              <li key={r.id}>
                <Link href={`/patients/${r.id}`}>{r.name}</Link>{" "}
                <span className="text-slate-600">{r.mrn}</span>, opened {formatDateTime(r.openedAt)}
              </li>
            ))}
          </ul>
        )}
      </Card>
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
