import { idleStatus } from "@/lib/auth/idle-status";

// The idle dialog asks this before it warns and before it signs out: another tab may have kept
// the session alive. It never extends the session itself (lib/auth/idle-status.ts).
export async function GET(request: Request) {
  const status = await idleStatus(request.headers);
  const headers = { "Cache-Control": "no-store" };
  if (!status.signedIn) return Response.json(status, { status: 401, headers });
  return Response.json({ idleSecondsLeft: status.idleSecondsLeft }, { headers });
}
