"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "./button";

export interface CopyWords {
  copy: string;
  copied: string;
  failed: string;
}

/** The staff pages' words; the portal passes its own. */
export const COPY_WORDS_EN: CopyWords = {
  copy: "Copy link",
  copied: "Copied",
  failed: "Could not copy: select the link and copy it.",
};

/**
 * A link to hand on, with a button that copies it and says so to screen readers. Without
 * JavaScript there is no button (it could do nothing) and the link stays selectable text.
 */
export function CopyLink({
  id,
  label,
  url,
  words,
}: {
  id: string;
  label: string;
  url: string;
  words: CopyWords;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [scripted, setScripted] = useState(false);
  const [said, setSaid] = useState("");
  useEffect(() => setScripted(true), []);

  async function copyLink() {
    setSaid("");
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // No clipboard API outside a secure context: the older command copies the selection.
      inputRef.current?.select();
      copied = document.execCommand("copy");
    }
    // Emptied first, then said a moment later, so a second copy is announced again.
    window.setTimeout(() => setSaid(copied ? words.copied : words.failed), 100);
  }

  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <input
          id={id}
          ref={inputRef}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 basis-64 rounded border border-slate-400 bg-white px-2 py-1 font-mono text-sm"
        />
        {scripted ? (
          <Button type="button" variant="secondary" size="sm" onClick={copyLink}>
            {words.copy}
          </Button>
        ) : null}
      </div>
      <p role="status" className="mt-1 min-h-5 text-sm font-medium text-green-900">
        {said}
      </p>
    </div>
  );
}
