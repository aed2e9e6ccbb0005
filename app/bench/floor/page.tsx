import { notFound } from "next/navigation";
import { connection } from "next/server";
import { benchEnabled } from "@/lib/bench";

export const metadata = { title: "Floor" };

/**
 * The benchmark's floor: the cheapest dynamic page this build can serve (a constant, rendered per
 * request). It exists only while the server runs with CAREBRIDGE_BENCH=1; otherwise it is a 404.
 */
export default async function FloorPage() {
  await connection();
  if (!benchEnabled()) notFound();
  return <p>Floor</p>;
}
