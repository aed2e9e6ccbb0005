import { ActionForm, type FieldSpec } from "@/components/action-form";
import {
  englishBesideField,
  WritingFor,
  type WritingForNeed,
  writtenInField,
} from "@/components/language/writing-for";
import { Expander } from "@/components/ui/expander";
import type { FormState } from "@/components/ui/form-state";
import type { AppointmentItem } from "@/lib/appointments";
import { toZonedInputValue } from "@/lib/time";

type Form = [prev: FormState, formData: FormData];

/** The page's server actions for one appointment, each taking the appointment's id first. */
export interface AppointmentChangeActions {
  reschedule: (appointmentId: string, ...form: Form) => Promise<FormState>;
  setStatus: (appointmentId: string, ...form: Form) => Promise<FormState>;
  cancel: (appointmentId: string, ...form: Form) => Promise<FormState>;
}

/** The instructions' "Written in" select and the English beside them, on the booking and move forms. */
export function notesLanguageFields(language: string, english?: string | null): FieldSpec[] {
  const beside = englishBesideField("patientNotesEnglish", "Instructions for the patient", english);
  return [
    writtenInField(language, "patientNotesLanguage"),
    beside.kind === "textarea" ? { ...beside, maxLength: 2000 } : beside,
  ];
}

/**
 * The forms that change one appointment. A past one keeps them too: its visit can still be
 * recorded as completed or missed, or cancelled, rather than left "scheduled" for ever.
 */
export function ChangeForms({
  item,
  actions,
  need,
}: {
  item: AppointmentItem;
  actions: AppointmentChangeActions;
  /** The patient's language need, shown above the form that rewrites their instructions. */
  need: WritingForNeed | null;
}) {
  if (item.status === "cancelled" || item.status === "completed") return null;
  const movesRequest = item.openRequestKind === "reschedule";
  return (
    <Expander summary={<>Change “{item.title}”</>} bodyClassName="grid gap-6 md:grid-cols-3">
      <div>
        <h4 className="mb-2 font-semibold">Reschedule</h4>
        {need ? <WritingFor need={need} /> : null}
        <ActionForm
          action={actions.reschedule.bind(null, item.id)}
          hidden={{ version: String(item.version) }}
          submitLabel="Move it"
          fields={[
            {
              kind: "datetime-local",
              name: "startsAt",
              label: "New start",
              required: true,
              defaultValue: toZonedInputValue(item.startsAt),
            },
            {
              kind: "datetime-local",
              name: "endsAt",
              label: "New end",
              required: true,
              defaultValue: toZonedInputValue(item.endsAt),
            },
            {
              kind: "textarea",
              name: "patientNotes",
              label: "Notes for the patient",
              hint: "What to bring, how to prepare. The patient reads this as written: check it still fits the new time.",
              maxLength: 2000,
              defaultValue: item.patientNotes ?? "",
            },
            // Their own language stays unless the person says the new words are in another.
            ...notesLanguageFields(item.patientNotesLanguage, item.patientNotesEnglish),
            ...(movesRequest
              ? ([
                  {
                    kind: "checkbox",
                    name: "closeRequest",
                    label: "This answers the patient's request to move it: mark it done",
                  },
                  {
                    kind: "textarea",
                    name: "requestNote",
                    label: "What to tell the patient about their request",
                    hint: "Needed when the box is ticked. The patient and family read it as written.",
                    maxLength: 1000,
                  },
                ] as const)
              : []),
          ]}
        />
      </div>
      <div>
        <h4 className="mb-2 font-semibold">Status</h4>
        <ActionForm
          action={actions.setStatus.bind(null, item.id)}
          hidden={{ version: String(item.version) }}
          submitLabel="Save status"
          fields={[
            {
              kind: "select",
              name: "status",
              label: "Status",
              defaultValue: item.status,
              options: [
                { value: "scheduled", label: "Scheduled" },
                { value: "confirmed", label: "Confirmed" },
                { value: "completed", label: "Completed" },
                { value: "no-show", label: "No-show" },
              ],
            },
          ]}
        />
      </div>
      <div>
        <h4 className="mb-2 font-semibold">Cancel</h4>
        <ActionForm
          action={actions.cancel.bind(null, item.id)}
          hidden={{ version: String(item.version) }}
          submitLabel="Cancel appointment"
          variant="danger"
          confirm={{
            title: `Cancel “${item.title}”?`,
            body: item.openRequestKind
              ? "It stays on the record as cancelled, with your reason. The patient's open request about it is closed with your note. Other appointments in a series are not touched."
              : "It stays on the record as cancelled, with your reason. Other appointments in a series are not touched.",
            confirmLabel: "Cancel it",
          }}
          fields={[
            { kind: "textarea", name: "reason", label: "Reason", required: true, maxLength: 500 },
            ...(item.openRequestKind
              ? ([
                  {
                    kind: "textarea",
                    name: "patientNote",
                    label: "What to tell the patient about their request",
                    hint:
                      item.openRequestKind === "cancel"
                        ? "Their request to cancel is marked done. They read this as written; left empty, they read the reason."
                        : "Their request to move it is closed without the move. They read this as written; left empty, they read the reason.",
                    maxLength: 1000,
                  },
                ] as const)
              : []),
          ]}
        />
      </div>
    </Expander>
  );
}
