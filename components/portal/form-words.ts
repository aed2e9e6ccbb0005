import type { CopyWords } from "@/components/ui/copy-link";
import type { Messages } from "@/lib/i18n/messages";

/** The words every portal form shows besides its own, in the reader's language: spread into ActionForm. */
export function portalFormWords(t: Messages) {
  return { pendingLabel: t.saving, optionalLabel: t.optional, cancelLabel: t.cancel };
}

/** The words of a copy button beside a link to hand on, in the reader's language. */
export function copyWords(t: Messages): CopyWords {
  return { copy: t.family.copy, copied: t.family.copied, failed: t.family.copyFailed };
}
