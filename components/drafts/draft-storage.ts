/**
 * What a person was typing, kept in this tab's sessionStorage until they sign back in after a
 * time-out (ADR 015). Every key begins "cb:", so that signing out clears them all at once. Only
 * the browser calls these, from effects and event handlers.
 */
const PREFIX = "cb:";
const DRAFT_PREFIX = "cb:draft:v1:";
/** When this tab last reached the sign-in page after a time-out (a session that ran out, not a sign-out). */
const INTERRUPTED = "cb:interrupted";

export interface Draft {
  savedAt: number;
  /** When the form was sent with these values: a submit the server never took stays restorable. */
  sentAt?: number;
  /** Only what differs from what the page showed: a value by field name, "1"/"0" for a box by "name=value". */
  fields: Record<string, string>;
  /** The record versions the page showed when the typing began (draft-fields.ts seenVersions). */
  versions?: Record<string, string>;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage turned off (a privacy setting): there are no drafts, and nothing breaks.
    return null;
  }
}

export function draftKey(userKey: string, pathname: string, formKey: string): string {
  return `${DRAFT_PREFIX}${userKey}:${encodeURIComponent(pathname)}:${formKey}`;
}

export function readDraft(key: string): Draft | null {
  try {
    const draft = JSON.parse(storage()?.getItem(key) ?? "null") as Draft | null;
    return draft && typeof draft.savedAt === "number" && typeof draft.fields === "object" ? draft : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: Draft): void {
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // Full: the draft is lost, as it was before there were drafts.
  }
}

export function removeDraft(key: string): void {
  storage()?.removeItem(key);
}

function keys(prefix: string): string[] {
  const store = storage();
  if (!store) return [];
  const found: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(prefix)) found.push(key);
  }
  return found;
}

/** Signing out: every "cb:" key of this tab. */
export function clearAllDrafts(): void {
  for (const key of keys(PREFIX)) storage()?.removeItem(key);
}

/**
 * Keeps the drafts of this user on this page only: another person's (signed in on this tab
 * before) and those of pages left while signed in are gone. A page left by the sign-in page
 * after a time-out keeps its drafts, since signing in brings the person back to it.
 */
export function pruneDrafts(userKey: string, pathname: string): void {
  const own = `${DRAFT_PREFIX}${userKey}:${encodeURIComponent(pathname)}:`;
  for (const key of keys(DRAFT_PREFIX)) if (!key.startsWith(own)) storage()?.removeItem(key);
}

/**
 * The sign-in page after a time-out: what was typed before now may be put back. The first visit
 * after the last typing counts, so that reloading the sign-in page later changes nothing.
 */
export function markInterrupted(now = Date.now()): void {
  const store = storage();
  const marked = Number(store?.getItem(INTERRUPTED) ?? 0);
  const lastTyped = Math.max(0, ...keys(DRAFT_PREFIX).map((key) => readDraft(key)?.savedAt ?? 0));
  if (marked > lastTyped) return;
  try {
    store?.setItem(INTERRUPTED, String(now));
  } catch {
    // As in writeDraft.
  }
}

/**
 * Whether a draft found when its form appears was cut off by a time-out: saved before the
 * sign-in page was reached, and either never sent, or sent just before it (a submit the
 * server answered with the sign-in page). Anything else was left behind on purpose, or sent.
 */
export function interruptedDraft(draft: Draft, bounceMs: number): boolean {
  const interruptedAt = Number(storage()?.getItem(INTERRUPTED) ?? 0);
  if (!interruptedAt || draft.savedAt > interruptedAt) return false;
  if (draft.sentAt === undefined) return true;
  return interruptedAt - draft.sentAt <= bounceMs;
}
