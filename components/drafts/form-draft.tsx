"use client";

import { usePathname } from "next/navigation";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/components/ui/form-state";
import { applyFields, applyVersions, changedFields, seenVersions, shortHash } from "./draft-fields";
import { useDraftScope } from "./draft-scope";
import { draftKey, interruptedDraft, readDraft, removeDraft, writeDraft } from "./draft-storage";

/** Sent by the idle dialog just before it signs out: every form writes its draft at once. */
export const SAVE_DRAFTS_EVENT = "cb:save-drafts";

/**
 * Keeps what is typed into a form in this tab's sessionStorage (ADR 015) and puts it back when
 * the form appears again after a time-out. `shape` names the form among the page's forms (its
 * fields, say): forms of one shape on a page are told apart by their order, so the form spreads
 * `formProps` on its element. A result without
 * errors clears the draft; one with errors keeps it.
 */
export function useFormDraft(
  formRef: RefObject<HTMLFormElement | null>,
  shape: string,
  state: FormState,
): { restored: boolean; discard: () => void; formProps: { "data-draft-shape": string } } {
  const scope = useDraftScope();
  const pathname = usePathname();
  const keyRef = useRef<string | null>(null);
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    const form = formRef.current;
    if (!scope || !form) return;
    const same = Array.from(document.querySelectorAll<HTMLFormElement>("form[data-draft-shape]")).filter(
      (f) => f.dataset.draftShape === shape,
    );
    const key = draftKey(scope.userKey, pathname, `${shortHash(shape)}-${same.indexOf(form)}`);
    keyRef.current = key;
    const found = readDraft(key);
    if (found && interruptedDraft(found, scope.bounceMs) && applyFields(form, found.fields)) {
      applyVersions(form, found.versions);
      // Kept as "typed before the time-out" until it is sent, discarded or typed over.
      writeDraft(key, { savedAt: found.savedAt, fields: found.fields, versions: found.versions });
      form.closest("details")?.setAttribute("open", "");
      setRestored(true);
    } else if (found) {
      removeDraft(key);
    }

    let timer: number | undefined;
    const save = (sentAt?: number) => {
      window.clearTimeout(timer);
      timer = undefined;
      const fields = changedFields(form);
      if (Object.keys(fields).length === 0) removeDraft(key);
      else
        writeDraft(key, {
          savedAt: Date.now(),
          fields,
          // The version the typing began on: a later save of this draft keeps the first one seen.
          versions: readDraft(key)?.versions ?? seenVersions(form),
          ...(sentAt ? { sentAt } : {}),
        });
    };
    const onInput = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 500);
    };
    const flush = () => {
      if (timer !== undefined) save();
    };
    const onSubmit = () => save(Date.now());
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    form.addEventListener("submit", onSubmit);
    window.addEventListener("pagehide", flush);
    window.addEventListener(SAVE_DRAFTS_EVENT, flush);
    return () => {
      flush();
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onInput);
      form.removeEventListener("submit", onSubmit);
      window.removeEventListener("pagehide", flush);
      window.removeEventListener(SAVE_DRAFTS_EVENT, flush);
    };
  }, [formRef, scope, shape, pathname]);

  // The action's answer: errors keep the draft (no longer "sent"); anything else was taken.
  const initial = useRef(state);
  useEffect(() => {
    const key = keyRef.current;
    if (state === initial.current || !key) return;
    const draft = readDraft(key);
    if (state.errors || state.message) {
      if (draft) writeDraft(key, { savedAt: draft.savedAt, fields: draft.fields, versions: draft.versions });
    } else {
      removeDraft(key);
      setRestored(false);
    }
  }, [state]);

  const discard = useCallback(() => {
    if (keyRef.current) removeDraft(keyRef.current);
    formRef.current?.reset();
    setRestored(false);
  }, [formRef]);

  // On the element from the first render, so every form of the page is counted in order.
  return { restored, discard, formProps: { "data-draft-shape": shape } };
}

/** Says that a draft was put back, with the way to throw it away. */
export function DraftRestoredNotice({ onDiscard }: { onDiscard: () => void }) {
  const scope = useDraftScope();
  if (!scope) return null;
  return (
    <Alert tone="info">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>{scope.words.restored}</p>
        <Button type="button" variant="secondary" size="sm" onClick={onDiscard}>
          {scope.words.discard}
        </Button>
      </div>
    </Alert>
  );
}
