import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { LanguageSwitch } from "@/components/language-switch";
import { requireActor } from "@/lib/auth/current-user";
import { portalMessages } from "@/lib/i18n/server";
import { countUnread } from "@/lib/messages";
import { portalShell } from "@/lib/portal";
import { setLanguageAction, signOutAction } from "./actions";

// The shell only needs to know who is signed in; each page and action checks access itself.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const shell = portalShell(actor);
  if (shell.portal) {
    const { locale, t } = await portalMessages(actor);
    const nav = shell.ownRecord
      ? [
          { href: "/me", label: t.nav.myCare },
          { href: "/me/calendar", label: t.nav.calendar },
        ]
      : [{ href: "/me", label: t.nav.familyCare }];
    return (
      <AppShell
        role={actor.role}
        name={actor.name}
        signOut={signOutAction}
        portal={{
          lang: locale,
          nav,
          roleLabel: t.roles[actor.role as keyof typeof t.roles],
          signOut: t.nav.signOut,
          skip: t.skipToMain,
          languageSwitch: (
            <LanguageSwitch current={locale} label={t.switchLanguage} action={setLanguageAction} />
          ),
        }}
      >
        {children}
      </AppShell>
    );
  }
  const unread = await countUnread(actor);
  return (
    <AppShell role={actor.role} name={actor.name} unread={unread} signOut={signOutAction}>
      {children}
    </AppShell>
  );
}
