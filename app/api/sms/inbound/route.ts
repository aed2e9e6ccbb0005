import { readSignedWebhook, recordReply } from "@/lib/notifications/sms-webhooks";

// Replies to our number (STOP, START), passed on by the text-message provider: its signature is the credential.
export async function POST(request: Request) {
  const webhook = await readSignedWebhook(request, "/api/sms/inbound");
  if ("refused" in webhook) return new Response(null, { status: webhook.refused });
  await recordReply(webhook.fields);
  // Empty TwiML: we send no answer of our own (the provider answers STOP itself).
  return new Response("<Response/>", {
    headers: { "Content-Type": "text/xml; charset=utf-8", "Cache-Control": "no-store" },
  });
}
