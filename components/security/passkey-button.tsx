"use client";

import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { PasskeyAnswer } from "@/lib/auth/second-factor/webauthn-json";
import { RecoveryCodes } from "./totp-enrolment";

export interface PasskeyWords {
  button: string;
  working: string;
  cancelled: string;
  name?: string;
  nameHint?: string;
  nameNeeded?: string;
  codesTitle: string;
  codesIntro: string;
  codesSaved: string;
}

type Flow =
  | {
      kind: "register";
      options: () => Promise<unknown>;
      finish: (response: unknown, name: string) => Promise<PasskeyAnswer>;
    }
  | {
      kind: "authenticate";
      options: () => Promise<unknown>;
      finish: (response: unknown) => Promise<PasskeyAnswer>;
    };

/**
 * One button for a passkey or security key: ask the server for a challenge, let the browser ask
 * the authenticator, hand the answer back. Adding one asks for a name first; the first factor a
 * person adds shows the recovery codes, once.
 */
export function PasskeyButton({
  flow,
  words: w,
  continueTo,
}: {
  flow: Flow;
  words: PasskeyWords;
  continueTo: string;
}) {
  const router = useRouter();
  const id = useId();
  const [answer, setAnswer] = useState<PasskeyAnswer & { nameMissing?: true }>({});
  const [name, setName] = useState("");
  const [pending, startTransition] = useTransition();
  if (answer.recoveryCodes?.length)
    return <RecoveryCodes codes={answer.recoveryCodes} continueTo={continueTo} words={w} />;

  const run = () => {
    // Named before the authenticator is asked: a key made and then refused would be left on it.
    if (flow.kind === "register" && w.nameNeeded && name.trim() === "") {
      setAnswer({ message: w.nameNeeded, nameMissing: true });
      return;
    }
    startTransition(async () => {
      try {
        const options = await flow.options();
        // The server may answer with a reason instead of a challenge (a step-up owed first).
        if (options && typeof options === "object" && "message" in options) {
          setAnswer(options as PasskeyAnswer);
          router.refresh();
          return;
        }
        const optionsJSON = options as never;
        const result =
          flow.kind === "register"
            ? await flow.finish(await startRegistration({ optionsJSON }), name)
            : await flow.finish(await startAuthentication({ optionsJSON }));
        setAnswer(result);
        // A passkey added shows in the list the server draws; a step-up only says it is done.
        if (result.redirectTo) router.push(result.redirectTo);
        else if (flow.kind === "register" && result.ok) router.refresh();
      } catch {
        // The person closed the browser's prompt, or the authenticator refused: nothing was sent.
        setAnswer({ message: w.cancelled });
      }
    });
  };

  return (
    <div className="mt-4">
      {answer.message ? <Alert tone="error">{answer.message}</Alert> : null}
      {answer.ok ? <Alert tone="success">{answer.ok}</Alert> : null}
      {flow.kind === "register" && w.name ? (
        <Field
          id={`${id}-name`}
          name="passkeyName"
          label={w.name}
          hint={w.nameHint}
          required
          maxLength={60}
          defaultValue={name}
          error={answer.nameMissing && w.nameNeeded ? [w.nameNeeded] : undefined}
          onChange={(event) => setName(event.currentTarget.value)}
        />
      ) : null}
      <Button type="button" variant="secondary" onClick={run} disabled={pending} aria-disabled={pending}>
        {pending ? w.working : w.button}
      </Button>
    </div>
  );
}
