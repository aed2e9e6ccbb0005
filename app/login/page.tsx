import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ActionForm } from "@/components/action-form";
import { Alert } from "@/components/ui/alert";
import { getActor, homeFor } from "@/lib/auth/current-user";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  idle: "You were signed out after a period of inactivity. Sign in again to continue.",
  expired: "Your session reached its time limit. Sign in again to continue.",
  deactivated: "Your account is not active. Ask your administrator if this is unexpected.",
  "role-changed": "Your access changed. Sign in again to continue.",
  "password-reset": "Your password was reset. Sign in with the new one.",
  "sign-out": "You have signed out.",
};

const QuerySchema = z.object({
  ended: z.string().optional().catch(undefined),
  signedOut: z.string().optional().catch(undefined),
});

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const actor = await getActor();
  if (actor) redirect(homeFor(actor.role));
  const query = QuerySchema.parse(await searchParams);
  const notice = query.signedOut ? NOTICES["sign-out"] : query.ended ? NOTICES[query.ended] : undefined;
  return (
    <main id="main" className="mx-auto mt-16 max-w-md rounded-lg bg-white p-8 shadow">
      <p className="text-lg font-semibold text-brand-700">Carebridge</p>
      <h1 className="mb-6">Sign in</h1>
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      <ActionForm
        action={signInAction}
        submitLabel="Sign in"
        pendingLabel="Signing in…"
        fields={[
          { kind: "email", name: "email", label: "Email", required: true, autoComplete: "username" },
          {
            kind: "password",
            name: "password",
            label: "Password",
            required: true,
            autoComplete: "current-password",
          },
        ]}
      />
      <p className="mt-6 text-sm text-slate-600">
        Carebridge holds protected health information. Access is logged and reviewed.
      </p>
    </main>
  );
}
