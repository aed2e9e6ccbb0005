import "server-only";
import { env } from "@/lib/env";

/**
 * A link to hand to someone (an invitation, a calendar address), on PUBLIC_URL. Never from the
 * request's Host or X-Forwarded-Host: the client writes those, and a link built from them could
 * send the invitee's password or the calendar token to a host of the client's choosing.
 */
export function publicLink(path: `/${string}`): string {
  return `${env().PUBLIC_URL}${path}`;
}
