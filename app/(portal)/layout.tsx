import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { requireActor } from "@/lib/auth/current-user";
import { signOutAction } from "./actions";

// The shell only needs to know who is signed in; each page and action checks access itself.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <AppShell role={actor.role} name={actor.name} signOut={signOutAction}>
      {children}
    </AppShell>
  );
}
