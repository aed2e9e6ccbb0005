import Link from "next/link";
import type { ReactNode } from "react";
import { FocusOnArrival } from "@/components/ui/focus-on-arrival";
import type { OpenForm } from "@/lib/care-plans/schemas";

// The plan's forms are rendered one at a time, when someone opens one (issue 19: a plan with a
// dozen items carried a dozen hidden forms). Each is a link to the page with `?edit=` naming the
// form, which works without JavaScript; the open form replaces its link, with one that closes it.

/** Where the page is: the patient, the plan shown, the form open and whether the history is shown. */
export interface PlanPlace {
  patientId: string;
  planId: string;
  /** Whether the address names the plan (`?plan=`), rather than the page choosing it. */
  planInUrl: boolean;
  open: OpenForm | null;
  history: boolean;
}

const OPEN_FORM_ID = "edit";

/**
 * The page's address with a form opened or closed, or the history shown or hidden, and the `anchor`
 * to land on: as a query on the page's own path, since a plan shows a link for each of its items.
 */
export function planHref(
  place: PlanPlace,
  change: { open?: OpenForm | null; history?: boolean },
  anchor?: string,
): string {
  const open = change.open === undefined ? place.open : change.open;
  const query = new URLSearchParams(place.planInUrl ? { plan: place.planId } : {});
  if (open) query.set("edit", open);
  if (change.history ?? place.history) query.set("history", "1");
  const path = query.size > 0 ? `?${query}` : `/patients/${place.patientId}/care-plan`;
  return `${path}${anchor ? `#${anchor}` : ""}`;
}

/** The link that opens one of the plan's forms, where the form will appear. */
export function OpenFormLink({
  place,
  form,
  className = "mt-2",
  children,
}: {
  place: PlanPlace;
  form: OpenForm;
  className?: string;
  children: ReactNode;
}) {
  return (
    <p className={className ? `${className} print:hidden` : "print:hidden"}>
      <Link prefetch={false} href={planHref(place, { open: form }, OPEN_FORM_ID)} className="font-medium">
        {children}
      </Link>
    </p>
  );
}

/** The form someone opened: named by its heading, focused when it appears, and closed by a link. */
export function OpenFormPanel({
  place,
  title,
  heading: Heading = "h4",
  closeTo,
  children,
}: {
  place: PlanPlace;
  title: string;
  heading?: "h3" | "h4";
  /** The id of what the form belongs to, where closing it lands. */
  closeTo: string;
  children: ReactNode;
}) {
  return (
    <FocusOnArrival
      id={OPEN_FORM_ID}
      labelledBy={`${OPEN_FORM_ID}-heading`}
      className="mt-3 scroll-mt-4 space-y-3 rounded border border-slate-300 p-3 focus:outline-2 focus:outline-offset-4 focus:outline-brand-700 print:hidden"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <Heading id={`${OPEN_FORM_ID}-heading`} className="text-base font-semibold">
          {title}
        </Heading>
        <Link prefetch={false} href={planHref(place, { open: null }, closeTo)} className="text-sm">
          Close this form
        </Link>
      </div>
      {children}
    </FocusOnArrival>
  );
}
