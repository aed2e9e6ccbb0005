import "server-only";
import { z } from "zod";
import type { FormState } from "@/components/ui/form-state";
import type { Actor } from "@/lib/authz/actor";
import type { SecurityWords } from "@/lib/i18n/security";
import { type ProveResult, proveWithCode } from "./prove";

const Attempt = z.object({
  method: z.enum(["totp", "recovery"]),
  code: z.string().trim().max(40),
});

/**
 * Reads a code form (the app's code or a recovery code) and proves it, for signing in or stepping
 * up: an empty field is said on the field and counts for nothing; a wrong code counts toward the lock.
 */
export async function proveCodeForm(
  actor: Actor,
  purpose: "sign-in" | "step-up",
  formData: FormData,
  w: SecurityWords,
): Promise<{ result: ProveResult | null; state: FormState }> {
  const parsed = Attempt.safeParse({ method: formData.get("method"), code: formData.get("code") ?? "" });
  if (!parsed.success) return { result: null, state: { message: w.wrongCode } };
  const { method, code } = parsed.data;
  if (code === "") {
    const empty = method === "totp" ? w.enterCode : w.enterRecovery;
    return { result: null, state: { message: empty, errors: { code: [empty] } } };
  }
  const result = await proveWithCode(actor, purpose, { method, code });
  const wrong = method === "totp" ? w.wrongCode : w.wrongRecovery;
  return { result, state: result.ok ? {} : { message: wrong, errors: { code: [wrong] } } };
}
