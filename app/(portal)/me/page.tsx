import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/guards";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { getMyPortal } from "@/lib/portal";
import { formatCalendarDate } from "@/lib/time";

export const metadata: Metadata = { title: "My care" };

export default async function MePage() {
  const actor = await requireActor();
  const portal = await orNotFound(getMyPortal(actor));
  if (portal.kind === "family") {
    return (
      <>
        <PageHeader title="People who share their care with you" />
        {portal.patients.length === 0 ? (
          <p className="rounded bg-white p-6 shadow-sm">
            Nobody has shared their care with you yet. When a patient invites you, they will appear here.
          </p>
        ) : (
          <ul className="space-y-3">
            {portal.patients.map((p) => (
              <li key={p.patientId} className="rounded-lg bg-white p-6 shadow-sm">
                <h2>
                  {p.givenName} {p.familyName}
                </h2>
                <p>You are their {p.relationship}.</p>
                <p className="text-sm text-slate-700">
                  You may {p.canViewTimeline ? "see their care timeline" : "not see their timeline"}
                  {p.canRaiseConcerns ? " and raise concerns on their behalf" : ""}.
                </p>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  const p = portal.profile;
  return (
    <>
      <PageHeader title={`Hello, ${p.givenName}`} />
      <section aria-labelledby="profile" className="max-w-2xl rounded-lg bg-white p-6 shadow-sm">
        <h2 id="profile">Your details</h2>
        <dl className="mt-2 grid grid-cols-3 gap-2">
          <dt className="font-medium">Name</dt>
          <dd className="col-span-2">
            {p.givenName} {p.familyName}
          </dd>
          <dt className="font-medium">Date of birth</dt>
          <dd className="col-span-2">{formatCalendarDate(p.dateOfBirth)}</dd>
          <dt className="font-medium">Record number</dt>
          <dd className="col-span-2">{p.mrn}</dd>
          <dt className="font-medium">Phone</dt>
          <dd className="col-span-2">{p.phone ?? "Not recorded"}</dd>
          <dt className="font-medium">Email</dt>
          <dd className="col-span-2">{p.email ?? "Not recorded"}</dd>
        </dl>
        <p className="mt-4 text-sm text-slate-700">If any of this is wrong, tell your care coordinator.</p>
      </section>
    </>
  );
}
