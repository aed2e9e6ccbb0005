import {
  addPasskeyAction,
  passkeyOptionsAction,
  removePasskeyAction,
} from "@/app/(portal)/account/security/passkey-actions";
import { ActionForm } from "@/components/action-form";
import type { PasskeyView } from "@/lib/auth/second-factor/overview";
import { passkeyWords, type SecurityWords } from "@/lib/i18n/security";
import { formatDateTime } from "@/lib/time";
import { PasskeyButton } from "./passkey-button";

/** One's passkeys and security keys: each with when it was last used and a way to remove it; then add one. */
export function PasskeyList({
  passkeys,
  page,
  words: w,
}: {
  passkeys: PasskeyView[];
  page: string;
  words: SecurityWords;
}) {
  return (
    <section aria-labelledby="passkeys-title" className="mb-8">
      <h2 id="passkeys-title" className="mb-2">
        {w.passkeysTitle}
      </h2>
      {passkeys.length === 0 ? <p className="mb-2">{w.passkeysNone}</p> : null}
      <ul className="mb-4 space-y-4">
        {passkeys.map((p) => (
          <li key={p.id} className="rounded border border-slate-300 p-3">
            <p className="font-medium">{p.name}</p>
            <p className="mb-2 text-sm text-slate-600">
              {w.passkeyUsed(p.lastUsedAt ? formatDateTime(p.lastUsedAt) : null)}
            </p>
            <ActionForm
              action={removePasskeyAction.bind(null, p.id)}
              submitLabel={w.passkeyRemove(p.name)}
              pendingLabel={w.verifying}
              variant="danger"
              confirm={{
                title: w.passkeyRemove(p.name),
                body: w.passkeyRemoveConfirm,
                confirmLabel: w.passkeyRemove(p.name),
              }}
              cancelLabel={w.dismiss}
              fields={[]}
            />
          </li>
        ))}
      </ul>
      <PasskeyButton
        flow={{ kind: "register", options: passkeyOptionsAction, finish: addPasskeyAction }}
        words={passkeyWords(w, "add")}
        continueTo={page}
      />
    </section>
  );
}
