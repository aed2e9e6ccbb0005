import type { ReactNode } from "react";

const sides = {
  "20rem": "lg:grid-cols-[minmax(0,1fr)_20rem]",
  "22rem": "lg:grid-cols-[minmax(0,1fr)_22rem]",
  "24rem": "lg:grid-cols-[minmax(0,1fr)_24rem]",
  "26rem": "lg:grid-cols-[minmax(0,1fr)_26rem]",
} as const;

/** The record pages' layout: the list in a wide column, the form or panel beside it on a large screen. */
export function TwoColumns({ side = "24rem", children }: { side?: keyof typeof sides; children: ReactNode }) {
  return <div className={`grid gap-8 ${sides[side]}`}>{children}</div>;
}
