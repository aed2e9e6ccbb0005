import { unsafeCalendarForToken } from "@/lib/calendar";

// Calendar apps fetch this with no cookie: the secret token in the URL is the credential.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const calendar = await unsafeCalendarForToken(token.replace(/\.ics$/, ""));
  if (!calendar) {
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return new Response(calendar, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="carebridge.ics"',
      "Cache-Control": "no-store",
    },
  });
}
