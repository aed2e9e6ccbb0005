"use client";

import { useEffect } from "react";
import { clearAllDrafts, markInterrupted } from "./draft-storage";

/**
 * On the sign-in page: after a time-out the drafts wait for the next sign-in on this tab (and
 * this visit is when they were cut off); after a sign-out, or a change an administrator made,
 * they are cleared.
 */
export function DraftsOnSignInPage({ keep }: { keep: boolean }) {
  useEffect(() => {
    if (keep) markInterrupted();
    else clearAllDrafts();
  }, [keep]);
  return null;
}
