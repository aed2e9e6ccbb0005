import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { releaseAbortReasonWhenRenderEnds } from "@/lib/render/release-abort-reason";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Carebridge", template: "%s · Carebridge" },
  description: "Care coordination and patient advocacy portal",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  releaseAbortReasonWhenRenderEnds();
  // Reading the request makes every page dynamic, so each response gets its own CSP nonce.
  await headers();
  // The portal language a patient chose; each page's content also carries its own lang.
  const chosen = (await cookies()).get("cb-lang")?.value;
  return (
    <html lang={chosen === "es" ? "es" : "en"}>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
