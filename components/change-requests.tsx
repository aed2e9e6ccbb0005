import Link from "next/link";
import type { CoordinatorTask } from "@/lib/appointments/requests";
import { formatDateTime } from "@/lib/time";
import { ActionForm } from "./action-form";
import { Expander } from "./ui/expander";
import type { FormAction } from "./ui/form-state";

const KIND: Record<string, string> = { reschedule: "Move", cancel: "Cancel" };

/** Patients' requests to move or cancel appointments: each a task the coordinator closes with a note. */
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
        <li key={r.id} className="rounded border border-slate-300 p-3">
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
                    kind: "textarea",
                    name: "note",
                    label: "What you did",
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
