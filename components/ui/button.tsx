import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";

const variants = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary: "border border-slate-500 bg-white text-slate-900 hover:bg-slate-100",
  danger: "bg-red-700 text-white hover:bg-red-800",
  /** On the brand-coloured header. */
  inverse: "border border-white text-white hover:bg-brand-800",
} as const;

const sizes = { md: "px-4 py-2", sm: "px-3 py-1" } as const;

type Variant = keyof typeof variants;
type Size = keyof typeof sizes;

export function Button({
  variant = "primary",
  size = "md",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: Size }) {
  return (
    <button
      className={`inline-flex items-center rounded font-medium disabled:opacity-60 ${sizes[size]} ${variants[variant]} ${className}`}
      {...props}
    />
  );
}

/** A link that looks like a Button: for navigation (a GET), where a button would be the wrong element. */
export function ButtonLink({
  variant = "primary",
  size = "md",
  className = "",
  ...props
}: ComponentProps<typeof Link> & { variant?: Variant; size?: Size }) {
  return (
    <Link
      className={`inline-flex items-center rounded font-medium no-underline ${sizes[size]} ${variants[variant]} ${className}`}
      {...props}
    />
  );
}
