import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";
import { setLanguageAction } from "@/app/(portal)/actions";
import { ActionForm } from "@/components/action-form";
import { DraftsOnSignInPage } from "@/components/drafts/drafts-on-sign-in-page";
import { LanguageSwitch } from "@/components/language-switch";
import { SsoSignIn } from "@/components/security/sso-sign-in";
import { Alert } from "@/components/ui/alert";
import { getActor, homeFor } from "@/lib/auth/current-user";
import { oidcConfig } from "@/lib/auth/oidc/provider";
import { safeReturnPath } from "@/lib/auth/return-path";
import { signInLocale } from "@/lib/i18n/server";
import { endedNotice, SIGN_IN_WORDS, type SignInWords } from "@/lib/i18n/sign-in";
import { signInAction } from "./actions";
import { signInWithSsoAction } from "./sso-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: SIGN_IN_WORDS[await signInLocale()].title };
}

/** What a sign-in through the organisation's identity provider that did not finish is told (ADR 014). */
function ssoNotice(
  query: { sso?: string; error?: string },
  name: string,
  w: SignInWords["sso"],
): string | undefined {
  if (query.sso === "refused") return w.refused;
  if (query.sso === "unavailable") return w.unavailable(name);
  if (query.error) return w.unfinished;
  return undefined;
}

/**
 * What was typed before this sign-in page is kept for the next sign-in on this tab only when the
 * session simply ran out (ADR 015); a sign-out or a change an administrator made clears it.
 */
function keepsDrafts(ended: string | undefined): boolean {
  return ended === undefined || ended === "idle" || ended === "expired";
}

const QuerySchema = z.object({
  ended: z.string().optional().catch(undefined),
  signedOut: z.string().optional().catch(undefined),
  /** The page to come back to: a path of this site only (lib/auth/return-path.ts). */
  next: z.string().optional().catch(undefined),
  /** Single sign-on that did not finish: ours (`sso`) or Auth.js's (`error`). */
  sso: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
});

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const query = QuerySchema.parse(await searchParams);
  const next = safeReturnPath(query.next);
  const actor = await getActor();
  if (actor) redirect(next === "/" ? homeFor(actor.role) : next);
  const locale = await signInLocale();
  const w = SIGN_IN_WORDS[locale];
  const notice = endedNotice(w, query.signedOut ? "sign-out" : query.ended);
  const sso = oidcConfig();
  const ssoProblem = ssoNotice(query, sso?.name ?? w.sso.yourOrganisation, w.sso);
  return (
    <main id="main" lang={locale} className="mx-auto mt-16 max-w-md rounded-lg bg-white p-8 shadow">
      <div className="flex items-center justify-between gap-4">
        <p className="text-lg font-semibold text-brand-700">Carebridge</p>
        <LanguageSwitch
          current={locale}
          label={w.switchLanguage}
          action={setLanguageAction}
          variant="secondary"
        />
      </div>
      <h1 className="mb-6">{w.title}</h1>
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {ssoProblem ? <Alert tone="error">{ssoProblem}</Alert> : null}
      <DraftsOnSignInPage keep={!query.signedOut && keepsDrafts(query.ended)} />
      <ActionForm
        // A new form in the new language: an answer shown in the old one would stay until the next try.
        key={locale}
        action={signInAction}
        submitLabel={w.submit}
        pendingLabel={w.submitting}
        hidden={next === "/" ? undefined : { next }}
        fields={[
          { kind: "email", name: "email", label: w.email, required: true, autoComplete: "username" },
          {
            kind: "password",
            name: "password",
            label: w.password,
            required: true,
            autoComplete: "current-password",
          },
        ]}
      />
      {sso ? (
        // For staff, in English on either page.
        <div lang="en">
          <SsoSignIn action={signInWithSsoAction} name={sso.name} next={next} />
        </div>
      ) : null}
      <p className="mt-6 text-sm text-slate-600">{w.footer}</p>
    </main>
  );
}
