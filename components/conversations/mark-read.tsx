"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * Tells the server a conversation was opened (a POST, never a side effect of rendering): the other
 * side's read receipt. Once per page view, and only when something in it is new to the reader.
 */
export function MarkRead({ action, unread }: { action: () => Promise<void>; unread: number }) {
  const router = useRouter();
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || unread === 0) return;
    sent.current = true;
    action().then(
      () => router.refresh(),
      () => undefined,
    );
  }, [action, unread, router]);
  return null;
}
