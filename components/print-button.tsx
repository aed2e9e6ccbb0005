"use client";

/** Opens the browser's print dialog; the page's print stylesheet does the rest. */
export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded bg-brand-700 px-4 py-2 font-medium text-white print:hidden"
    >
      {label}
    </button>
  );
}
