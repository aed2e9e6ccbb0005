import Link from "next/link";
import { APPOINTMENT_REQUEST_OUTCOMES, REQUEST_OUTCOME_LABEL } from "@/lib/appointments/request-schemas";
import type { CoordinatorTask } from "@/lib/appointments/requests";
import { formatDateTime } from "@/lib/time";
import { ActionForm } from "./action-form";
import { Expander } from "./ui/expander";
import type { FormAction } from "./ui/form-state";

const KIND: Record<string, string> = { reschedule: "Move", cancel: "Cancel" };

/**
 * Patients' requests to move or cancel appointments: each a task the coordinator closes with its
 * outcome and a note, which the patient and family read as written, beside the appointment.
 */
export function ChangeRequestList({
  tasks,
  complete,
  showPatient,
}: {
  tasks: CoordinatorTask[];
  /** Bound per request; absent where the list only points to the patient's page. */
  complete?: (id: string) => FormAction;
  showPatient: boolean;
}) {
  return (
    <ul className="space-y-3">
      {tasks.map((r) => (
        <li key={r.id} id={`request-${r.id}`} className="rounded border border-slate-300 p-3">
          <p className="font-medium">
            {KIND[r.kind] ?? r.kind}: {r.appointmentTitle}, {formatDateTime(r.appointmentStartsAt)}
            {showPatient ? (
              <>
                {" "}
                · <Link href={`/patients/${r.patientId}/appointments`}>{r.patientName}</Link>
              </>
            ) : null}
          </p>
          <p className="text-sm text-slate-700">
            Asked by {r.requestedByName}, {formatDateTime(r.requestedAt)}
          </p>
          <p className="mt-1 whitespace-pre-wrap">“{r.reason}”</p>
          {r.preferredTimes ? <p className="mt-1">Better times: {r.preferredTimes}</p> : null}
          {complete ? (
            <Expander className="mt-2" summary="Mark as dealt with">
              <ActionForm
                action={complete(r.id)}
                submitLabel="Mark as dealt with"
                fields={[
                  {
                    kind: "select",
                    name: "outcome",
                    label: "Outcome",
                    defaultValue: "completed",
                    options: APPOINTMENT_REQUEST_OUTCOMES.map((o) => ({
                      value: o,
                      label: REQUEST_OUTCOME_LABEL[o],
                    })),
                  },
                  {
                    kind: "textarea",
                    name: "note",
                    label: "What you did, and why",
                    hint: "The patient and family read this as written, in the portal beside the appointment. If you decline, say why.",
                    required: true,
                    maxLength: 1000,
                  },
                ]}
              />
            </Expander>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
