import Link from "next/link";
import type { ReactNode } from "react";
import { PrintButton } from "@/components/print-button";

const kinds = {
  letter: "max-w-2xl p-10 text-lg",
  document: "max-w-3xl p-8",
  listing: "max-w-3xl p-10",
} as const;

/** A page meant for paper: a sheet on screen, with Print and a way back that the printout leaves off. */
export function PrintSheet({
  printLabel,
  backHref,
  backLabel,
  kind,
  className,
  children,
}: {
  printLabel: string;
  backHref: string;
  backLabel: string;
  /** letter: a letter to the patient; document: a plan or a summary; listing: a formal list sent as a letter. */
  kind: keyof typeof kinds;
  className?: string;
  children: ReactNode;
}) {
  return (
    <article
      className={`mx-auto bg-white leading-relaxed shadow-sm print:p-0 print:shadow-none ${kinds[kind]}${className ? ` ${className}` : ""}`}
    >
      <p className="mb-6 flex flex-wrap gap-4 print:hidden">
        <PrintButton label={printLabel} />
        <Link href={backHref} className="self-center">
          {backLabel}
        </Link>
      </p>
      {children}
    </article>
  );
}

/** Who writes, and the date: the head of a letter to the patient. */
export function LetterHead({ date, className = "mb-8" }: { date: string; className?: string }) {
  return (
    <header className={className}>
      <p className="font-semibold">Carebridge Patient Advocacy</p>
      <p>{date}</p>
    </header>
  );
}
