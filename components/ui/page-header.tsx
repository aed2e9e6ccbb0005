import type { ReactNode } from "react";

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <h1>{title}</h1>
      {children ? <div className="flex gap-3">{children}</div> : null}
    </div>
  );
}
