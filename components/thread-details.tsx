"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useTransition } from "react";

/** A thread that can be opened; opening one with unread messages marks it read. */
export function ThreadDetails({
  threadId,
  unread,
  summary,
  markRead,
  children,
}: {
  threadId: string;
  unread: number;
  summary: ReactNode;
  markRead: (threadId: string) => Promise<void>;
  children: ReactNode;
}) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  return (
    <details
      id={`thread-${threadId}`}
      className="rounded-lg bg-white p-4 shadow-sm"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open && unread > 0) {
          startTransition(async () => {
            await markRead(threadId);
            router.refresh();
          });
        }
      }}
    >
      <summary className="cursor-pointer">{summary}</summary>
      {children}
    </details>
  );
}
