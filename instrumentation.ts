export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installLogRedaction } = await import("./lib/logging/redact");
    installLogRedaction();
  }
}
