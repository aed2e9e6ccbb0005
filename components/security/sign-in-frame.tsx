import type { ReactNode } from "react";

/** The narrow card the sign-in pages share, in the reader's language. */
export function SignInFrame({ lang, title, children }: { lang: string; title: string; children: ReactNode }) {
  return (
    <main id="main" lang={lang} className="mx-auto mt-16 max-w-md rounded-lg bg-white p-8 shadow">
      <p className="text-lg font-semibold text-brand-700">Carebridge</p>
      <h1 className="mb-6">{title}</h1>
      {children}
    </main>
  );
}
