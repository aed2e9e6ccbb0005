import type { ReactNode } from "react";

/** A form or detail folded away under a summary line the reader opens (a native details element). */
export function Expander({
  summary,
  className = "mt-3",
  bodyClassName,
  children,
}: {
  summary: ReactNode;
  className?: string;
  bodyClassName?: string;
  children: ReactNode;
}) {
  return (
    <details className={`rounded border border-slate-300 p-3${className ? ` ${className}` : ""}`}>
      <summary className="cursor-pointer font-medium">{summary}</summary>
      <div className={`mt-3${bodyClassName ? ` ${bodyClassName}` : ""}`}>{children}</div>
    </details>
  );
}
