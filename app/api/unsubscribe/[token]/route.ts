import { clientAddress } from "@/lib/auth/client-address";
import { unsubscribeByLink } from "@/lib/notifications/unsubscribe";
import { readUnsubscribeToken } from "@/lib/notifications/unsubscribe-token";

type Context = { params: Promise<{ token: string }> };
const plain = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/**
 * One-click unsubscribe (RFC 8058): the mail program POSTs "List-Unsubscribe=One-Click" to the
 * address in an email's List-Unsubscribe header, with no cookie; the signed token is the
 * credential. Anything else posted here changes nothing.
 */
export async function POST(request: Request, { params }: Context) {
  const { token } = await params;
  if (!readUnsubscribeToken(token)) return plain("Not found", 404);
  const form = await request.formData().catch(() => null);
  if (form?.get("List-Unsubscribe") !== "One-Click") return plain("Expected List-Unsubscribe=One-Click", 400);
  const result = await unsubscribeByLink(token, "one-click", clientAddress(request.headers));
  if (!result) return plain("Not found", 404);
  return plain("Unsubscribed.");
}

/**
 * A mail program without one-click opens the header's address in the browser: it is sent to the
 * page that asks first (a GET never unsubscribes anyone).
 */
export async function GET(_request: Request, { params }: Context) {
  const { token } = await params;
  if (!readUnsubscribeToken(token)) return plain("Not found", 404);
  // A path, not an address built from the request's Host, which the client writes.
  return new Response(null, {
    status: 303,
    headers: { Location: `/unsubscribe/${token}`, "Cache-Control": "no-store" },
  });
}
