"use client";

import { type ReactNode, useEffect, useRef } from "react";

/**
 * The one form someone opened with its link: it takes the focus when it appears, so the keyboard
 * and the screen reader are at the form. (Without JavaScript the link's #anchor takes them there.)
 * Saving re-renders it in place and leaves the focus where the person is.
 */
export function FocusOnArrival({
  id,
  labelledBy,
  className,
  children,
}: {
  id: string;
  labelledBy: string;
  className: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section ref={ref} id={id} aria-labelledby={labelledBy} tabIndex={-1} className={className}>
      {children}
    </section>
  );
}
