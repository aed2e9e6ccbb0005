import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { LanguageSwitch } from "@/components/language-switch";
import { authLimits } from "@/lib/auth/config";
import { requireActor } from "@/lib/auth/current-user";
import { MESSAGES } from "@/lib/i18n/messages";
import { SECURITY_WORDS } from "@/lib/i18n/security";
import { portalMessages } from "@/lib/i18n/server";
import { portalShell } from "@/lib/portal";
import { shellCounts } from "@/lib/shell/counts";
import { keepSessionAliveAction, setLanguageAction, signOutAction } from "./actions";

// The shell only needs to know who is signed in; each page and action checks access itself.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const shell = portalShell(actor);
  // The user's id names their drafts in the tab's storage: not a secret, and never another's.
  const session = {
    userKey: actor.userId,
    idleSeconds: authLimits().idleSeconds,
    keepAlive: keepSessionAliveAction,
  };
  if (shell.portal) {
    const [{ locale, t }, { notifications: notices }] = await Promise.all([
      portalMessages(actor),
      shellCounts(actor),
    ]);
    const security = { href: "/me/security", label: SECURITY_WORDS[locale].securityTitle };
    const nav = shell.ownRecord
      ? [{ href: "/me", label: t.nav.myCare }, { href: "/me/calendar", label: t.nav.calendar }, security]
      : [{ href: "/me", label: t.nav.familyCare }, security];
    return (
      <AppShell
        role={actor.role}
        name={actor.name}
        signOut={signOutAction}
        session={session}
        bell={{
          href: "/me/notifications",
          label: t.bell.label,
          unreadWord: t.bell.unreadWord,
          unread: notices,
        }}
        portal={{
          lang: locale,
          nav,
          roleLabel: t.roles[actor.role as keyof typeof t.roles],
          signOut: t.nav.signOut,
          skip: t.skipToMain,
          languageSwitch: (
            <LanguageSwitch current={locale} label={t.switchLanguage} action={setLanguageAction} />
          ),
          idle: {
            title: t.session.title,
            body: t.session.body,
            stay: t.session.stay,
            signOut: t.nav.signOut,
          },
          drafts: { restored: t.session.restored, discard: t.session.discard },
        }}
      >
        {children}
      </AppShell>
    );
  }
  const { messages: unread, notifications: notices } = await shellCounts(actor);
  // Staff pages are in English.
  const words = MESSAGES.en.bell;
  return (
    <AppShell
      role={actor.role}
      name={actor.name}
      unread={unread}
      bell={{ href: "/notifications", label: words.label, unreadWord: words.unreadWord, unread: notices }}
      signOut={signOutAction}
      session={session}
    >
      {children}
    </AppShell>
  );
}
