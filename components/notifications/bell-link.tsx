import Link from "next/link";

/** The bell in the shell: where the list is, its words, and how many are unread. */
export interface Bell {
  href: string;
  /** The visible word ("Notifications"). */
  label: string;
  /** Said after the count to a screen reader: the link's name is "Notifications 3 unread". */
  unreadWord: string;
  unread: number;
}

/**
 * A link to the person's notifications with the unread count as a badge; on every signed-in page.
 * Its name is its visible words (axe's label-content-name-mismatch): the count's "unread" is
 * only hidden from sight.
 */
export function BellLink({ bell }: { bell: Bell }) {
  return (
    <Link href={bell.href} className="inline-flex min-h-6 items-center gap-1 text-white">
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 24 24"
        className="size-5 shrink-0"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span>{bell.label}</span>
      {bell.unread > 0 ? (
        <span className="rounded-full bg-amber-300 px-2 text-sm font-bold text-slate-900 no-underline">
          {bell.unread > 99 ? "99+" : bell.unread}
          <span className="sr-only"> {bell.unreadWord}</span>
        </span>
      ) : null}
    </Link>
  );
}
