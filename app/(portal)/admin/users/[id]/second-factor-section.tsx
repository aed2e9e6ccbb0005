import { ActionForm } from "@/components/action-form";
import { CardSection } from "@/components/ui/card-section";
import { secondFactorStatus } from "@/lib/auth/second-factor/overview";
import type { Actor } from "@/lib/authz/actor";
import { resetSecondFactorAction } from "../actions";

/** Which second factors a person has, and the reset for a lost phone (the admin steps up first). */
export async function SecondFactorSection({
  admin,
  user,
}: {
  admin: Actor;
  user: { id: string; name: string };
}) {
  const status = await secondFactorStatus(admin, user.id);
  const has = status.totp || status.passkeys > 0;
  const parts = [
    status.totp ? "authenticator app" : null,
    status.passkeys > 0 ? `${status.passkeys} ${status.passkeys === 1 ? "passkey" : "passkeys"}` : null,
  ].filter(Boolean);
  return (
    <CardSection id="second-factor-heading" title="Second factor">
      <p className="mb-4">
        {has
          ? `${parts.join(" and ")}; ${status.recoveryCodesLeft} of 10 recovery codes left.`
          : "None set up."}
      </p>
      {has ? (
        <ActionForm
          action={resetSecondFactorAction.bind(null, user.id)}
          submitLabel="Reset second factor"
          variant="danger"
          confirm={{
            title: `Reset ${user.name}'s second factor?`,
            body: "Their authenticator app, passkeys and recovery codes are removed and their open sessions end. Check who they are first (in person or by a call to a known number). They set up a new one at their next sign-in if it is required.",
            confirmLabel: "Reset second factor",
          }}
          fields={[]}
        />
      ) : null}
    </CardSection>
  );
}
