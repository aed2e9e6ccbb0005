"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useCallback, useEffect, useRef, useTransition } from "react";

/**
 * A thread that can be opened. Opening one whose page shows something new to the reader marks
 * that page read (`markRead`, bound to the range shown; null when there is nothing to mark); one
 * the address opens (`open`) is marked as it is shown. Each range is sent once.
 */
export function ThreadDetails({
  threadId,
  open = false,
  summary,
  markRead,
  markKey,
  children,
}: {
  threadId: string;
  open?: boolean;
  summary: ReactNode;
  markRead: (() => Promise<void>) | null;
  /** The range `markRead` is bound to: the same range is never sent twice. */
  markKey: string | null;
  children: ReactNode;
}) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const sent = useRef(new Set<string>());
  const mark = useCallback(() => {
    if (!markRead || !markKey || sent.current.has(markKey)) return;
    sent.current.add(markKey);
    startTransition(async () => {
      await markRead();
      router.refresh();
    });
  }, [markRead, markKey, router]);
  useEffect(() => {
    if (open) mark();
  }, [open, mark]);
  return (
    <details
      id={`thread-${threadId}`}
      // Only an address that opens the thread sets it: otherwise the reader's own toggle stays as it is
      // when the page refreshes after marking it read.
      open={open || undefined}
      className="rounded-lg bg-white p-4 shadow-sm"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open) mark();
      }}
    >
      <summary className="cursor-pointer">{summary}</summary>
      {children}
    </details>
  );
}
