import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { MESSAGES } from "@/lib/i18n/messages";
import { readUnsubscribe } from "@/lib/notifications/unsubscribe";
import { NOTIFICATION_WORDS } from "@/lib/notifications/words";
import { unsubscribeAction } from "./actions";

type Params = { params: Promise<{ token: string }> };

/** Read once a request: the title and the page both need it. */
const viewFor = cache(readUnsubscribe);

/** The title in the person's language; the token in the address is never sent on as a referrer. */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const view = await viewFor((await params).token);
  return { title: MESSAGES[view?.language ?? "en"].unsubscribe.title, referrer: "no-referrer" };
}

/**
 * Where an email's "stop emails about …" link leads, outside the signed-in portal: the signed
 * token names the person and the kind, and the page asks before it turns that kind's emails off
 * (a link opened by a mail scanner must not unsubscribe anyone). In the person's language; a token
 * that is not ours is the 404.
 */
export default async function UnsubscribePage({
  params,
  searchParams,
}: Params & { searchParams: Promise<{ done?: string | string[] }> }) {
  const { token } = await params;
  const view = await viewFor(token);
  if (!view) notFound();
  const t = MESSAGES[view.language];
  const u = t.unsubscribe;
  const about = NOTIFICATION_WORDS[view.language].about[view.kind];
  const done = (await searchParams).done === "1";
  return (
    <main id="main" lang={view.language} className="mx-auto mt-16 max-w-md rounded-lg bg-white p-8 shadow">
      <p className="text-lg font-semibold text-brand-700">Carebridge</p>
      {view.off ? (
        <>
          <h1 className="mb-4">{u.title}</h1>
          <Alert tone={done ? "success" : "info"}>
            <p>{done ? u.done(about) : u.already(about)}</p>
          </Alert>
        </>
      ) : (
        <>
          <h1 className="mb-2">{u.question(about)}</h1>
          <p className="mb-6">{u.intro}</p>
          <form action={unsubscribeAction.bind(null, token)}>
            <SubmitButton pendingText={t.saving}>{u.confirm}</SubmitButton>
          </form>
        </>
      )}
      <p className="mt-6">
        <Link href={view.settingsPath}>{u.settings}</Link>
      </p>
    </main>
  );
}
