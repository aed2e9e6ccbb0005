import type { ReactNode } from "react";

const tones = {
  error: "border-red-700 bg-red-50 text-red-900",
  success: "border-green-700 bg-green-50 text-green-900",
  info: "border-brand-600 bg-brand-50 text-brand-800",
  warning: "border-amber-600 bg-amber-50 text-amber-900",
} as const;

/** A message block; errors are announced at once, the rest politely. */
export function Alert({
  tone,
  children,
  id,
}: {
  tone: keyof typeof tones;
  children: ReactNode;
  id?: string;
}) {
  return (
    <div
      id={id}
      role={tone === "error" ? "alert" : "status"}
      className={`mb-4 rounded border-l-4 px-4 py-3 ${tones[tone]}`}
    >
      {children}
    </div>
  );
}
