"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { clearAllDrafts } from "@/components/drafts/draft-storage";
import { SAVE_DRAFTS_EVENT } from "@/components/drafts/form-draft";
import { askIdleStatus, clock, onSessionMessage, postSessionMessage } from "@/components/session-signals";
import { SignOutForm } from "@/components/sign-out-form";
import { Button } from "@/components/ui/button";

export interface IdleWords {
  title: string;
  /** "{time}" stands for the minutes and seconds left. */
  body: string;
  stay: string;
  signOut: string;
}

/** The staff pages' words; the portal passes its own. */
export const IDLE_WORDS_EN: IdleWords = {
  title: "Are you still there?",
  body: "You will be signed out in {time} to protect patient information. What you have typed on this page is kept.",
  stay: "Stay signed in",
  signOut: "Sign out",
};

/**
 * Warns before the idle time-out and signs out at it, keeping what was typed (ADR 015). The
 * countdown starts at each page load, navigation and form sent, the things that reach the server;
 * keystrokes do not. Before warning and before signing out it asks the server, since another tab
 * may have kept the session alive; the tabs also tell each other when they use it.
 */
export function IdleGuard({
  idleSeconds,
  keepAlive,
  signOut,
  words = IDLE_WORDS_EN,
}: {
  idleSeconds: number;
  keepAlive: () => Promise<{ idleSecondsLeft: number }>;
  signOut: () => Promise<void>;
  words?: IdleWords;
}) {
  const id = useId();
  const pathname = usePathname();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const control = useRef<{ restart: (seconds: number) => void; stay: () => void } | null>(null);
  const [left, setLeft] = useState(0);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const warnSeconds = Math.min(120, Math.floor(idleSeconds / 3));
    let deadline = 0;
    let timer: number | undefined;
    let ticker: number | undefined;
    let spoken: number | undefined;
    const secondsLeft = () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    const at = (when: number, run: () => void) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, Math.max(0, when - Date.now()));
    };

    const close = () => {
      window.clearInterval(ticker);
      window.clearTimeout(spoken);
      setAnnouncement("");
      if (dialog.open) dialog.close();
    };
    const restart = (seconds: number) => {
      deadline = Date.now() + seconds * 1000;
      if (seconds > warnSeconds) close();
      at(deadline - warnSeconds * 1000, warn);
    };
    // The server ended the session: the sign-in page says why and brings the person back here.
    const leave = (ended: string | undefined) => {
      window.clearTimeout(timer);
      window.dispatchEvent(new Event(SAVE_DRAFTS_EVENT));
      if (!ended) return window.location.reload();
      const next = encodeURIComponent(`${window.location.pathname}${window.location.search}`);
      window.location.assign(`/login?ended=${encodeURIComponent(ended)}&next=${next}`);
    };
    const open = () => {
      setLeft(secondsLeft());
      if (!dialog.open) {
        dialog.showModal();
        dialog.querySelector<HTMLButtonElement>("[data-stay]")?.focus();
        // Once, after the dialog is in the accessibility tree; the count itself is not read out.
        spoken = window.setTimeout(
          () => setAnnouncement(words.body.replace("{time}", clock(secondsLeft()))),
          500,
        );
        window.clearInterval(ticker);
        ticker = window.setInterval(() => setLeft(secondsLeft()), 1000);
      }
      at(deadline, expire);
    };
    async function warn() {
      const status = await askIdleStatus();
      if (status && "signedIn" in status) return leave(status.ended);
      const seconds = status ? status.idleSecondsLeft : secondsLeft();
      if (seconds > warnSeconds) return restart(seconds);
      deadline = Date.now() + seconds * 1000;
      open();
    }
    async function expire() {
      window.dispatchEvent(new Event(SAVE_DRAFTS_EVENT));
      const status = await askIdleStatus();
      // Unanswered: reloading takes patient information off the screen; the server decides.
      if (!status) return window.location.reload();
      if ("signedIn" in status) return leave(status.ended);
      if (status.idleSecondsLeft > warnSeconds) return restart(status.idleSecondsLeft);
      deadline = Date.now() + Math.max(1, status.idleSecondsLeft) * 1000;
      open();
    }
    const stay = () => {
      restart(idleSeconds);
      keepAlive()
        .then(({ idleSecondsLeft }) => {
          restart(idleSecondsLeft);
          postSessionMessage({ type: "active", seconds: idleSecondsLeft });
        })
        // An ended session is sent to the sign-in page by the action itself; the next check tells the rest.
        .catch(() => {});
    };
    control.current = { restart, stay };

    // A form sent is a request that used the session; signing out is not.
    const onSubmit = (event: SubmitEvent) => {
      if (event.target instanceof Element && event.target.closest("[data-sign-out]")) return;
      restart(idleSeconds);
      postSessionMessage({ type: "active", seconds: idleSeconds });
    };
    const onVisible = () => {
      // Timers in a hidden tab run late: catch up with the deadline when it is seen again.
      if (document.visibilityState === "visible" && !dialog.open) at(deadline - warnSeconds * 1000, warn);
    };
    const stopListening = onSessionMessage((message) => {
      if (message.type === "active") restart(message.seconds);
      else {
        clearAllDrafts();
        at(Date.now() + 1500, () => void expire());
      }
    });
    document.addEventListener("submit", onSubmit);
    document.addEventListener("visibilitychange", onVisible);
    restart(idleSeconds);
    return () => {
      close();
      window.clearTimeout(timer);
      stopListening();
      document.removeEventListener("submit", onSubmit);
      document.removeEventListener("visibilitychange", onVisible);
      control.current = null;
    };
  }, [idleSeconds, keepAlive, words.body]);

  // A page reached is a request that used the session: here and in the other tabs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new pathname is the event itself
  useEffect(() => {
    control.current?.restart(idleSeconds);
    postSessionMessage({ type: "active", seconds: idleSeconds });
  }, [pathname, idleSeconds]);

  const [before, after = ""] = words.body.split("{time}");
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        // Escape is "Stay signed in".
        event.preventDefault();
        control.current?.stay();
      }}
      className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/50"
    >
      <h2 id={`${id}-title`}>{words.title}</h2>
      <p id={`${id}-body`} className="my-4">
        {before}
        <strong>{clock(left)}</strong>
        {after}
      </p>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <div className="flex flex-wrap gap-3">
        <Button type="button" data-stay="" onClick={() => control.current?.stay()}>
          {words.stay}
        </Button>
        <SignOutForm action={signOut} label={words.signOut} variant="secondary" size="md" />
      </div>
    </dialog>
  );
}
