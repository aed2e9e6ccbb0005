import Link from "next/link";
import type { ReactNode } from "react";
import { DraftScope, type DraftWords } from "@/components/drafts/draft-scope";
import { IdleGuard, type IdleWords } from "@/components/idle-guard";
import { type Bell, BellLink } from "@/components/notifications/bell-link";
import { SignOutForm } from "@/components/sign-out-form";
import type { Role } from "@/lib/authz/actor";

const NAV: Record<Role, { href: string; label: string }[]> = {
  admin: [
    { href: "/admin/users", label: "Users" },
    { href: "/admin/audit", label: "Audit trail" },
    { href: "/admin/emergency-access", label: "Emergency access review" },
    { href: "/admin/outbox", label: "Outbox" },
    { href: "/admin/security", label: "Sign-in rules" },
    { href: "/account/security", label: "Sign-in security" },
  ],
  coordinator: [
    { href: "/dashboard", label: "Dashboard" },
    { href: "/my-work", label: "My work" },
    { href: "/patients", label: "Patients" },
    { href: "/schedule", label: "Schedule" },
    { href: "/messages", label: "Messages" },
    { href: "/services", label: "Services" },
    { href: "/calendar", label: "Calendar feed" },
    { href: "/emergency-access", label: "Emergency access" },
    { href: "/account/security", label: "Sign-in security" },
  ],
  advocate: [
    { href: "/dashboard", label: "Dashboard" },
    { href: "/my-work", label: "My work" },
    { href: "/concerns", label: "Concerns" },
    { href: "/rights-requests", label: "Rights requests" },
    { href: "/reports", label: "Reports" },
    { href: "/patients", label: "Patients" },
    { href: "/resources", label: "Resources" },
    { href: "/services", label: "Services" },
    { href: "/schedule", label: "Schedule" },
    { href: "/messages", label: "Messages" },
    { href: "/calendar", label: "Calendar feed" },
    { href: "/emergency-access", label: "Emergency access" },
    { href: "/account/security", label: "Sign-in security" },
  ],
  patient: [
    { href: "/me", label: "My care" },
    { href: "/me/calendar", label: "Calendar feed" },
    { href: "/me/security", label: "Sign-in security" },
  ],
  family: [
    { href: "/me", label: "My family's care" },
    { href: "/me/security", label: "Sign-in security" },
  ],
};

const ROLE_LABEL: Record<Role, string> = {
  admin: "Administrator",
  coordinator: "Care coordinator",
  advocate: "Patient advocate",
  patient: "Patient",
  family: "Family member",
};

/** The frame around every signed-in page: skip link, navigation for the role, the bell, who is signed in. */
export function AppShell({
  role,
  name,
  unread = 0,
  bell,
  signOut,
  session,
  portal,
  children,
}: {
  role: Role;
  name: string;
  /** Team messages this person has not read, shown beside "Messages". */
  unread?: number;
  /** The person's notifications: a link with the unread count, on every page. */
  bell?: Bell;
  signOut: () => Promise<void>;
  /** The idle time-out and the drafts kept through it (ADR 015): whose, how long, and "Stay signed in". */
  session: {
    userKey: string;
    idleSeconds: number;
    keepAlive: () => Promise<{ idleSecondsLeft: number }>;
  };
  /** For patients and family: the shell in their language, with the language switch. */
  portal?: {
    lang: string;
    nav: { href: string; label: string }[];
    roleLabel: string;
    signOut: string;
    skip: string;
    languageSwitch: ReactNode;
    idle: IdleWords;
    drafts: DraftWords;
  };
  children: ReactNode;
}) {
  const nav = portal?.nav ?? NAV[role];
  return (
    <div lang={portal?.lang ?? "en"}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2"
      >
        {portal?.skip ?? "Skip to main content"}
      </a>
      <header className="border-b print:hidden border-brand-800 bg-brand-700 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-white no-underline">
            Carebridge
          </Link>
          <nav aria-label="Main">
            <ul className="flex flex-wrap gap-4">
              {nav.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="text-white">
                    {item.label}
                    {item.href === "/messages" && unread > 0 ? " " : null}
                    {item.href === "/messages" && unread > 0 ? (
                      <span className="ml-1 rounded-full bg-amber-300 px-2 text-sm font-bold text-slate-900">
                        {unread}
                        <span className="sr-only"> unread</span>
                      </span>
                    ) : null}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            {bell ? <BellLink bell={bell} /> : null}
            {portal?.languageSwitch}
            <span>
              {name} <span className="opacity-90">({portal?.roleLabel ?? ROLE_LABEL[role]})</span>
            </span>
            <SignOutForm action={signOut} label={portal?.signOut ?? "Sign out"} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <DraftScope userKey={session.userKey} idleSeconds={session.idleSeconds} words={portal?.drafts}>
          {children}
        </DraftScope>
      </main>
      <IdleGuard
        idleSeconds={session.idleSeconds}
        keepAlive={session.keepAlive}
        signOut={signOut}
        words={portal?.idle}
      />
    </div>
  );
}

export { ROLE_LABEL };
