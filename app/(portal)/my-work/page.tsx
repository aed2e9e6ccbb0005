import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/guards";
import { NothingWaiting } from "@/components/my-work/nothing-waiting";
import { WorkList } from "@/components/my-work/work-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { listMyWork, WORK_LIMIT_PER_KIND } from "@/lib/my-work";

export const metadata: Metadata = { title: "My work" };

/** Everything waiting on the signed-in staff member across their caseload, soonest due first. */
export default async function MyWorkPage() {
  const actor = await requireActor();
  const work = await orNotFound(listMyWork(actor));
  const overdue = work.items.filter((item) => item.overdue).length;
  return (
    <>
      <PageHeader title="My work" />
      {work.items.length === 0 ? (
        <NothingWaiting kinds={work.kinds} />
      ) : (
        <>
          <p className="mb-4">
            <strong data-testid="my-work-count">{work.items.length}</strong> waiting on you ·{" "}
            <strong data-testid="my-work-overdue">{overdue}</strong> overdue. Conversations come here when
            assigned to you or when a patient waits and no one has taken them; other items when due within 7
            days or past. At most {WORK_LIMIT_PER_KIND} of each kind are listed.
          </p>
          <WorkList items={work.items} />
        </>
      )}
    </>
  );
}
