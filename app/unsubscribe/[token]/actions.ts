"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { clientAddress } from "@/lib/auth/client-address";
import { unsubscribeByLink } from "@/lib/notifications/unsubscribe";

/**
 * The unsubscribe page's button: no session is needed or read, the signed token (bound by the
 * page) is the credential and is checked again here, as any caller may post anything. A token that
 * is not ours is the 404; else the page shows that it is done.
 */
export async function unsubscribeAction(token: unknown): Promise<void> {
  if (typeof token !== "string") notFound();
  const result = await unsubscribeByLink(token, "unsubscribe-link", clientAddress(await headers()));
  if (result === null) notFound();
  redirect(`/unsubscribe/${token}?done=1`);
}
