import { redirect } from "next/navigation";
import { homeFor, requireActor } from "@/lib/auth/current-user";

export default async function Home() {
  const actor = await requireActor();
  redirect(homeFor(actor.role));
}
