import Link from "next/link";
import type { ReactNode } from "react";
import { FocusOnArrival } from "./focus-on-arrival";

// A record's less used forms are sent only when someone opens one (issue 19: a list of records
// carried each record's forms, hidden, in its HTML and again in its RSC payload). Each opens from a
// link naming it in the address (`?edit=<id>`), which works without JavaScript; the open form takes
// the link's place, with a link that closes it.

/** The link that opens a form, at the place the form will appear (`#` its id). */
export function OpenFormLink({
  href,
  className = "mt-2",
  children,
}: {
  href: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <p className={className ? `${className} print:hidden` : "print:hidden"}>
      <Link prefetch={false} href={href} className="font-medium">
        {children}
      </Link>
    </p>
  );
}

/** The form someone opened: named by its heading, focused when it appears, and closed by a link. */
export function OpenedForm({
  id,
  title,
  heading: Heading = "h4",
  closeHref,
  children,
}: {
  /** The element's id, which the opening link's anchor names. */
  id: string;
  title: ReactNode;
  /** h3 for a form of the section itself, h4 (the default) for one of a record in it. */
  heading?: "h3" | "h4";
  /** The page without the form open, landing on what the form belongs to. */
  closeHref: string;
  children: ReactNode;
}) {
  return (
    <FocusOnArrival
      id={id}
      labelledBy={`${id}-heading`}
      className="mt-3 scroll-mt-4 space-y-3 rounded border border-slate-300 p-3 focus:outline-2 focus:outline-offset-4 focus:outline-brand-700 print:hidden"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <Heading id={`${id}-heading`} className="text-base font-semibold">
          {title}
        </Heading>
        <Link prefetch={false} href={closeHref} className="text-sm">
          Close this form
        </Link>
      </div>
      {children}
    </FocusOnArrival>
  );
}
