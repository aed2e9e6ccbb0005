import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { requireActor } from "@/lib/auth/current-user";
import { countUnread } from "@/lib/messages";
import { signOutAction } from "./actions";

// The shell only needs to know who is signed in; each page and action checks access itself.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const unread = await countUnread(actor);
  return (
    <AppShell role={actor.role} name={actor.name} unread={unread} signOut={signOutAction}>
      {children}
    </AppShell>
  );
}
