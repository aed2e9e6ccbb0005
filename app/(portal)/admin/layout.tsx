import type { ReactNode } from "react";
import { StepUpPrompt } from "@/components/security/step-up-prompt";
import { getActor } from "@/lib/auth/current-user";

// Every admin change asks for the second factor again once it is stale (ADR 013): the prompt sits
// above every admin page, and each admin action refuses until it is answered. Who may see the
// pages is still each page's own check; the prompt shows only to those the policy lets manage
// users, so an admin route still looks like any 404 to everyone else.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  return (
    <>
      {actor ? <StepUpPrompt actor={actor} power="manage:users" /> : null}
      {children}
    </>
  );
}
