import type { Locator } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_TOTP_SECRET } from "../db/seed/security";

export { DEMO_TOTP_SECRET };
export const DEMO_TOTP_ACCOUNT = "coordinator.2fa@carebridge.example";

const STEP = 30;
const step = (ms = Date.now()) => Math.floor(ms / 1000 / STEP);

/**
 * A code the server has not accepted before. The server takes the previous, current and next
 * 30-second step, each once; a test that used a code in step N waits until the clock allows N + 1.
 * Returns the code and the step it belongs to, for the next call.
 */
export async function freshCode(secret: string, after = -1): Promise<{ code: string; step: number }> {
  for (;;) {
    // The next step is accepted already (one step of drift either way), so use it when it is fresh.
    const next = step() + 1;
    if (next > after) return { code: await generate({ secret, epoch: next * STEP }), step: next };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Types a fresh code into the form `within` (the page, or the step-up prompt) and presses its button.
 * Another spec may have used this step's code for the same account moments ago (the server takes
 * each step once): if the code is refused, it waits for the clock's next step and types that one.
 * Returns the step used, for the next code.
 */
export async function enterCode(
  within: Locator,
  secret: string,
  options: { after?: number; button?: string } = {},
): Promise<number> {
  const submit = async (code: string) => {
    await within.getByLabel("Code from your app").fill(code);
    const answered = within
      .page()
      .waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
    await within.getByRole("button", { name: options.button ?? "Continue" }).click();
    const response = await answered;
    // Refused: the form's answer says so (a good code answers with a redirect or a thank-you).
    if (response.headers()["x-action-redirect"]) return false;
    // The body of an answer the page went on from is gone: that was no refusal.
    const body = await response.text().catch(() => "");
    return body.includes("That code did not work");
  };
  const first = await freshCode(secret, options.after);
  if (!(await submit(first.code))) return first.step;
  const second = await freshCode(secret, first.step);
  await submit(second.code);
  return second.step;
}
