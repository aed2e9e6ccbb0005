import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { listMyActiveEmergencyGrants } from "@/lib/emergency-access";
import { getStaffDashboard } from "@/lib/patients";
import { formatDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const [summary, emergency] = await orNotFound(
    Promise.all([getStaffDashboard(actor), listMyActiveEmergencyGrants(actor)]),
  );
  return (
    <>
      <PageHeader title={`Good to see you, ${actor.name.split(" ")[0]}`} />
      <section aria-labelledby="caseload-heading" className="mb-8 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="caseload-heading">Your caseload</h2>
        <p className="mt-2 text-3xl font-bold" data-testid="caseload-count">
          {summary.caseloadCount}
        </p>
        <p>
          {summary.caseloadCount === 1 ? "patient" : "patients"} assigned to you.{" "}
          <Link href="/patients">See and search your patients</Link>.
        </p>
      </section>
      <section aria-labelledby="recent-heading" className="mb-8 rounded-lg bg-white p-6 shadow-sm">
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
      </section>
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
