"use client";

import { usePathname } from "next/navigation";
import { createContext, type ReactNode, useContext, useEffect, useMemo } from "react";
import { pruneDrafts } from "./draft-storage";

export interface DraftWords {
  restored: string;
  discard: string;
}

/** The staff pages' words; the portal passes its own. */
export const DRAFT_WORDS_EN: DraftWords = {
  restored: "We put back what you were typing before you were signed out.",
  discard: "Discard",
};

interface Scope {
  /** Whose drafts: not a secret, only kept apart so one person never sees another's. */
  userKey: string;
  /** How soon after a submit the sign-in page means the submit was turned away (ADR 015). */
  bounceMs: number;
  words: DraftWords;
}

const DraftContext = createContext<Scope | null>(null);

/**
 * Signed-in pages keep drafts of their forms for this person (components/drafts/form-draft.tsx);
 * forms outside it, the sign-in page's, keep none. Leaving a page while signed in drops its drafts.
 */
export function DraftScope({
  userKey,
  idleSeconds,
  words = DRAFT_WORDS_EN,
  children,
}: {
  userKey: string;
  idleSeconds: number;
  words?: DraftWords;
  children: ReactNode;
}) {
  const pathname = usePathname();
  useEffect(() => {
    pruneDrafts(userKey, pathname);
  }, [userKey, pathname]);
  // A successful submit touches the session, so the next time-out is a whole idle period later.
  const bounceMs = Math.min(30_000, idleSeconds * 500);
  const value = useMemo(() => ({ userKey, bounceMs, words }), [userKey, bounceMs, words]);
  return <DraftContext value={value}>{children}</DraftContext>;
}

export function useDraftScope(): Scope | null {
  return useContext(DraftContext);
}
