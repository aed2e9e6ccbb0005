import type { Metadata } from "next";
import { SecurityPage } from "@/components/security/security-page";
import { requireActor } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Sign-in security" };

/** Staff's own second factors; patients and family have theirs in the portal (/me/security). */
export default async function StaffSecurityPage() {
  const actor = await requireActor();
  return <SecurityPage actor={actor} page="/account/security" via="staff" />;
}
