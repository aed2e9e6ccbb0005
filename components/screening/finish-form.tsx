import { ActionForm } from "@/components/action-form";
import type { FormAction } from "@/components/ui/form-state";
import { questionLinks, type ScreeningItemView } from "./screening-questions";

/** The finish form's words, in the reader's language (staff pages pass English). */
export interface FinishFormWords {
  finish: string;
  finishing: string;
  cancel: string;
  confirmTitle: string;
  confirmBody: string;
  confirmLabel: string;
  /** Before the numbers of the questions left unanswered, each a link to its question. */
  unansweredIntro: string;
  /** A question's link as a screen reader names it, from its number. */
  questionName: (number: string) => string;
}

/**
 * Finishing a screening, the same for staff and portal. It cannot be undone, so it is asked once
 * more in a dialog; refused because questions are unanswered, it links to each of them.
 */
export function FinishScreeningForm({
  action,
  responseId,
  version,
  items,
  words,
}: {
  action: FormAction;
  responseId: string;
  version: number;
  items: readonly ScreeningItemView[];
  words: FinishFormWords;
}) {
  return (
    <ActionForm
      action={action}
      fields={[]}
      hidden={{ responseId, version: String(version) }}
      submitLabel={words.finish}
      pendingLabel={words.finishing}
      cancelLabel={words.cancel}
      confirm={{ title: words.confirmTitle, body: words.confirmBody, confirmLabel: words.confirmLabel }}
      fieldLinks={questionLinks(items, words.unansweredIntro, words.questionName)}
    />
  );
}
