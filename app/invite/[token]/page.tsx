import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { portalFormWords } from "@/components/portal/form-words";
import { Alert } from "@/components/ui/alert";
import { getInvitation } from "@/lib/family";
import { MESSAGES } from "@/lib/i18n/messages";
import { acceptInvitationAction } from "./actions";
import { TokenSchema } from "./token";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

/** Where an invited family member sets their password, in the language the patient used. */
export default async function InvitationPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ done?: string | string[] }>;
}) {
  const token = TokenSchema.safeParse((await params).token);
  const state = token.success ? await getInvitation(token.data) : ({ status: "unknown" } as const);
  const locale = state.status === "unknown" ? "en" : state.locale;
  const t = MESSAGES[locale];
  const done = (await searchParams).done === "1" && state.status === "used";
  return (
    <main id="main" lang={locale} className="mx-auto mt-16 max-w-md rounded-lg bg-white p-8 shadow">
      <p className="text-lg font-semibold text-brand-700">Carebridge</p>
      {done ? (
        <>
          <h1 className="mb-4">{t.family.signIn}</h1>
          <Alert tone="success">{t.family.accepted}</Alert>
          <Link href="/login">{t.family.signIn}</Link>
        </>
      ) : state.status === "open" ? (
        <>
          <h1 className="mb-2">{t.family.acceptTitle(state.patientName)}</h1>
          <p className="mb-6">{t.family.acceptIntro(state.email)}</p>
          <ActionForm
            action={acceptInvitationAction.bind(null, token.data!)}
            submitLabel={t.family.acceptSubmit}
            {...portalFormWords(t)}
            fields={[
              { kind: "text", name: "name", label: t.family.yourName, required: true, autoComplete: "name" },
              {
                kind: "password",
                name: "password",
                label: t.family.password,
                hint: t.family.passwordHint,
                required: true,
                autoComplete: "new-password",
              },
            ]}
          />
        </>
      ) : (
        <>
          <h1 className="mb-4">Carebridge</h1>
          <Alert tone="error">{t.family.invalidLink[state.status]}</Alert>
          <Link href="/login">{t.family.signIn}</Link>
        </>
      )}
    </main>
  );
}
