import { readSignedWebhook, recordDeliveryStatus } from "@/lib/notifications/sms-webhooks";

// The text-message provider's delivery-status callback: no cookie, its signature is the credential.
export async function POST(request: Request) {
  const webhook = await readSignedWebhook(request, "/api/sms/status");
  if ("refused" in webhook) return new Response(null, { status: webhook.refused });
  await recordDeliveryStatus(webhook.fields);
  return new Response(null, { status: 200, headers: { "Cache-Control": "no-store" } });
}
