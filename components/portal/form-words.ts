import type { Messages } from "@/lib/i18n/messages";

/** The words every portal form shows besides its own, in the reader's language: spread into ActionForm. */
export function portalFormWords(t: Messages) {
  return { pendingLabel: t.saving, optionalLabel: t.optional, cancelLabel: t.cancel };
}
