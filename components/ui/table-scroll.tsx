import type { ReactNode } from "react";

/** A table that may scroll sideways on a narrow screen: focusable, so a keyboard can scroll it too. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg bg-white shadow-sm">
      {children}
    </section>
  );
}
