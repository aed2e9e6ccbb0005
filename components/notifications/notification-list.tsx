import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeading } from "@/components/ui/section-heading";
import type { NotificationItem, NotificationPage } from "@/lib/notifications/bell";

/** What the list says, in the page's language (the portal's from lib/i18n, the staff page's in English). */
export interface NotificationListWords {
  list: string;
  /** What will appear here, for a list with nothing in it yet. */
  none: string;
  unread: (n: number) => string;
  new: string;
  read: string;
  markAll: string;
  newer: string;
  older: string;
  pageOf: (page: number, pages: number) => string;
}

/**
 * A person's notifications, newest first: each opens through a small form (the action marks it
 * read and goes where it leads, with no script needed), and "Mark all as read" beside the count.
 */
export function NotificationList({
  data,
  words,
  titles,
  when,
  open,
  markAll,
  basePath,
}: {
  data: NotificationPage;
  words: NotificationListWords;
  /** Each kind's line in the reader's language (lib/notifications/words.ts). */
  titles: Record<NotificationItem["kind"], string>;
  when: (at: Date) => string;
  open: (id: string) => Promise<void>;
  markAll: () => Promise<void>;
  basePath: string;
}) {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <section aria-labelledby="notifications-heading" className="max-w-3xl">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <SectionHeading id="notifications-heading" count={data.total} className="">
          {words.list}
        </SectionHeading>
        {data.unread > 0 ? (
          <form action={markAll}>
            <Button type="submit" variant="secondary" size="sm">
              {words.markAll}
            </Button>
          </form>
        ) : null}
      </div>
      <p className="mb-4 text-sm text-slate-700">{words.unread(data.unread)}</p>
      {data.total === 0 ? (
        <EmptyState>{words.none}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {data.items.map((n) => (
            <Card
              as="li"
              key={n.id}
              padding={4}
              className={n.read ? "border-l-4 border-transparent" : "border-l-4 border-amber-500"}
            >
              <form action={open.bind(null, n.id)}>
                <button
                  type="submit"
                  className={`min-h-6 cursor-pointer text-left text-brand-700 underline underline-offset-2 ${n.read ? "" : "font-semibold"}`}
                >
                  {titles[n.kind]}
                </button>
              </form>
              <p className="mt-1 text-sm text-slate-700">
                <time dateTime={n.at.toISOString()}>{when(n.at)}</time>
                {" · "}
                {n.read ? (
                  words.read
                ) : (
                  <span className="rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900">
                    {words.new}
                  </span>
                )}
              </p>
            </Card>
          ))}
        </ul>
      )}
      {pages > 1 ? <PageLinks page={data.page} pages={pages} basePath={basePath} words={words} /> : null}
    </section>
  );
}

function PageLinks({
  page,
  pages,
  basePath,
  words,
}: {
  page: number;
  pages: number;
  basePath: string;
  words: NotificationListWords;
}): ReactNode {
  const href = (p: number) => (p === 1 ? basePath : `${basePath}?page=${p}`);
  return (
    <nav aria-label={words.pageOf(Math.min(page, pages), pages)} className="mt-4 flex flex-wrap gap-4">
      {page > 1 ? <Link href={href(Math.min(page, pages + 1) - 1)}>{words.newer}</Link> : null}
      <span>{words.pageOf(Math.min(page, pages), pages)}</span>
      {page < pages ? <Link href={href(page + 1)}>{words.older}</Link> : null}
    </nav>
  );
}
