export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installLogRedaction } = await import("./lib/logging/redact");
    installLogRedaction();
    // The client address is the socket's: lib/auth/client-address.ts says why it is stamped here.
    const { installPeerAddressStamp } = await import("./lib/auth/client-address");
    installPeerAddressStamp();
    // The notification queue is worked here too, unless NOTIFICATIONS_WORKER=off (ADR 012).
    const { workQueueInThisProcess } = await import("./lib/notifications/serve");
    await workQueueInThisProcess();
  }
}
