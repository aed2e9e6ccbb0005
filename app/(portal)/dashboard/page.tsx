import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { ChangeRequestList } from "@/components/change-requests";
import { AdvocacyPanels } from "@/components/dashboard/advocacy-panels";
import { LongestListed, MoreLink, PatientLink } from "@/components/dashboard/panel-links";
import { CardSection } from "@/components/ui/card-section";
import { ListCard } from "@/components/ui/list-card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { getDashboard } from "@/lib/dashboard";
import { formatCalendarDate, formatDateTime, formatTime } from "@/lib/time";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  // Every panel in one statement and their audit events in one insert (issue 19).
  const dashboard = await orNotFound(getDashboard(actor));
  const { summary, emergency, week, inbox, plans, changeRequests, concerns, followUps, rights } = dashboard;
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
      <AdvocacyPanels concerns={concerns} rights={rights} followUps={followUps} />
      <div className="mb-8 grid gap-6 md:grid-cols-2">
        <ListCard
          id="today-heading"
          title="Today's appointments"
          count={week.todayTotal}
          items={week.today}
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
          count={week.laterTotal}
          items={week.later}
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
          items={inbox.overdue}
          itemKey={(t) => t.id}
          empty="No patient is waiting past the answer time."
          footer={<LongestListed shown={inbox.overdue.length} total={inbox.overdueTotal} />}
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
          items={inbox.unread}
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
