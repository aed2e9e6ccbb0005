"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/next-auth";
import { oidcConfig, SSO_PROVIDER_ID, ssoAvailable } from "@/lib/auth/oidc/provider";
import { safeReturnPath } from "@/lib/auth/return-path";

/**
 * Starts signing in through the organisation's identity provider (ADR 014). Anyone may: it asks
 * for nothing and changes nothing here; Auth.js sets the state, PKCE and nonce cookies and sends
 * the browser to the provider. The account is checked when the provider sends the person back.
 */
export async function signInWithSsoAction(formData: FormData): Promise<void> {
  const config = oidcConfig();
  if (!config) redirect("/login");
  const next = safeReturnPath(formData.get("next"));
  // A provider whose discovery we refuse (no PKCE with S256, another issuer) is not used at all.
  if (!(await ssoAvailable(config))) redirect("/login?sso=unavailable");
  await signIn(SSO_PROVIDER_ID, { redirectTo: next });
}
