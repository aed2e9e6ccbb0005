import type { Metadata } from "next";
import { SecurityPage } from "@/components/security/security-page";
import { requireActor } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Sign-in security" };

/** A patient's or family member's own second factor, optional for them, in their language. */
export default async function PortalSecurityPage() {
  const actor = await requireActor();
  return <SecurityPage actor={actor} page="/me/security" via="portal" />;
}
