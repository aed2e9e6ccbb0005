/**
 * What a page learns about its session, for the idle dialog (ADR 015): the server's count, which
 * another tab may have reset, and what the tabs of one browser tell each other (that the session
 * was just used, so each countdown starts again, or that it was signed out). Asking the server
 * never extends the session; one channel per tab, so a tab never hears itself.
 */
export type IdleStatusAnswer = { idleSecondsLeft: number } | { signedIn: false; ended?: string };

/** The server's count, which another tab may have reset; null when it cannot be asked. */
export async function askIdleStatus(): Promise<IdleStatusAnswer | null> {
  try {
    const response = await fetch("/api/session/status", { cache: "no-store", redirect: "manual" });
    // No cookie at all: the proxy sends the request to the sign-in page.
    if (response.type === "opaqueredirect") return { signedIn: false };
    if (response.status !== 200 && response.status !== 401) return null;
    return (await response.json()) as IdleStatusAnswer;
  } catch {
    return null;
  }
}

/** Minutes and seconds, as the dialog shows the time left: "1:59". */
export const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

export type SessionMessage = { type: "active"; seconds: number } | { type: "signed-out" };

let channel: BroadcastChannel | null | undefined;

function sessionChannel(): BroadcastChannel | null {
  if (channel === undefined)
    channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("cb:session");
  return channel;
}

export function postSessionMessage(message: SessionMessage): void {
  sessionChannel()?.postMessage(message);
}

/** Listens until the returned function is called. */
export function onSessionMessage(handler: (message: SessionMessage) => void): () => void {
  const c = sessionChannel();
  if (!c) return () => {};
  const listener = (event: MessageEvent<SessionMessage>) => handler(event.data);
  c.addEventListener("message", listener);
  return () => c.removeEventListener("message", listener);
}
