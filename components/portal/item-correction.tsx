import Link from "next/link";
import { CorrectionForm } from "@/components/portal/correction-form";
import type { FormAction } from "@/components/ui/form-state";
import type { Messages } from "@/lib/i18n/messages";

/**
 * "This is wrong" on the timeline: what the page knows to offer it. The form is sent only for the
 * item it was asked for (`?correct=kind:id`), so a long page carries one link per item, not a form.
 */
export interface Correction {
  /** The address that opens the form beside an item ("kind:id"), at `#correct`, keeping the filter and cursor. */
  href: (subject: string) => string;
  /** The item whose form is open, if any. */
  open: string | null;
  action: (subject: string) => FormAction;
}

/** The link that opens the short correction form, or the form itself when it was asked for. */
export function ItemCorrection({
  subject,
  title,
  correct,
  t,
}: {
  subject: string;
  title: string;
  correct: Correction;
  t: Messages;
}) {
  const label = (
    <>
      {t.timeline.thisIsWrong}
      <span className="sr-only">: {title}</span>
    </>
  );
  if (correct.open !== subject) {
    return (
      <p className="mt-2 text-sm">
        <Link href={correct.href(subject)} prefetch={false}>
          {label}
        </Link>
      </p>
    );
  }
  return (
    <div id="correct" className="mt-3 rounded border border-slate-300 p-3 text-sm">
      <h4 className="mb-3 font-medium">{label}</h4>
      <CorrectionForm
        action={correct.action(subject)}
        subject={subject}
        words={{
          label: t.rights.whatIsWrong,
          hint: t.rights.whatIsWrongHint,
          submit: t.rights.correctionSubmit,
          pending: t.saving,
        }}
      />
    </div>
  );
}
