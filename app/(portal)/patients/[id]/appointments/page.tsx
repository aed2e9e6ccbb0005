import type { Metadata } from "next";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { AppointmentCard } from "@/components/appointment-card";
import { ChangeRequestList } from "@/components/change-requests";
import { PatientHeading } from "@/components/patient-nav";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { Expander } from "@/components/ui/expander";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { type AppointmentItem, listPatientAppointments } from "@/lib/appointments";
import { listPatientChangeRequests } from "@/lib/appointments/requests";
import {
  APPOINTMENT_KIND_LABEL,
  APPOINTMENT_KINDS,
  PAST_CONFIRMATION_LABEL,
} from "@/lib/appointments/schemas";
import { orgTimeZone, toZonedInputValue } from "@/lib/time";
import {
  bookAppointmentAction,
  cancelAppointmentAction,
  handleChangeRequestAction,
  rescheduleAppointmentAction,
  setAppointmentStatusAction,
} from "./actions";

export const metadata: Metadata = { title: "Appointments" };

/**
 * The forms that change one appointment. A past one keeps them too: its visit can still be
 * recorded as completed or missed, or cancelled, rather than left "scheduled" for ever.
 */
function ChangeForms({ item }: { item: AppointmentItem }) {
  if (item.status === "cancelled" || item.status === "completed") return null;
  const movesRequest = item.openRequestKind === "reschedule";
  return (
    <Expander summary={<>Change “{item.title}”</>} bodyClassName="grid gap-6 md:grid-cols-3">
      <div>
        <h4 className="mb-2 font-semibold">Reschedule</h4>
        <ActionForm
          action={rescheduleAppointmentAction.bind(null, item.id)}
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
          action={setAppointmentStatusAction.bind(null, item.id)}
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
          action={cancelAppointmentAction.bind(null, item.id)}
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

export default async function AppointmentsPage({ params }: { params: Promise<{ id: string }> }) {
  const [data, requests] = await readRecordPage((await params).id, (actor, patientId) =>
    Promise.all([listPatientAppointments(actor, patientId), listPatientChangeRequests(actor, patientId)]),
  );
  return (
    <>
      <PatientHeading patient={data.patient} current="appointments" />
      <h2 className="sr-only">Appointments</h2>
      <p className="mb-4 text-sm text-slate-700">
        Times are shown in {orgTimeZone().replace("_", " ")} time.
      </p>
      {requests.length > 0 ? (
        <section aria-labelledby="requests-heading" className="mb-8 rounded-lg bg-amber-50 p-5 shadow-sm">
          <SectionHeading id="requests-heading" count={requests.length}>
            The patient asked for a change
          </SectionHeading>
          <ChangeRequestList
            tasks={requests}
            showPatient={false}
            complete={(id) => handleChangeRequestAction.bind(null, id)}
          />
        </section>
      ) : null}
      <TwoColumns>
        <div>
          <section aria-labelledby="upcoming-heading" className="mb-8">
            <SectionHeading id="upcoming-heading" count={data.upcoming.length}>
              Upcoming
            </SectionHeading>
            {data.upcoming.length === 0 ? (
              <EmptyState
                next={data.canWrite ? "Book the first appointment with the form beside this." : null}
              >
                Nothing is booked.
              </EmptyState>
            ) : (
              <ul className="space-y-3">
                {data.upcoming.map((item) => (
                  <AppointmentCard
                    key={item.id}
                    item={item}
                    actions={data.canWrite ? <ChangeForms item={item} /> : undefined}
                  />
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="past-heading">
            <SectionHeading id="past-heading" count={data.past.length}>
              Past
            </SectionHeading>
            {data.past.length === 0 ? (
              <EmptyState>No past appointments.</EmptyState>
            ) : (
              <ul className="space-y-3">
                {data.past.map((item) => (
                  <AppointmentCard
                    key={item.id}
                    item={item}
                    actions={data.canWrite ? <ChangeForms item={item} /> : undefined}
                  />
                ))}
              </ul>
            )}
          </section>
        </div>
        {data.canWrite ? (
          <CardSection
            id="book-heading"
            title="Book an appointment"
            className="self-start lg:sticky lg:top-4"
          >
            <ActionForm
              action={bookAppointmentAction.bind(null, data.patient.id)}
              submitLabel="Book"
              pendingLabel="Booking…"
              fields={[
                {
                  kind: "select",
                  name: "kind",
                  label: "Kind",
                  defaultValue: "follow-up",
                  options: APPOINTMENT_KINDS.map((k) => ({ value: k, label: APPOINTMENT_KIND_LABEL[k] })),
                },
                {
                  kind: "text",
                  name: "title",
                  label: "Title",
                  required: true,
                  hint: "e.g. CT scan of the chest",
                },
                {
                  kind: "select",
                  name: "clinicianId",
                  label: "Clinician or resource",
                  options: [
                    { value: "", label: "No one in particular" },
                    ...data.careTeam.map((c) => ({ value: c.id, label: `${c.name} (${c.discipline})` })),
                  ],
                },
                {
                  kind: "text",
                  name: "location",
                  label: "Location",
                  hint: "Required unless it is a telehealth visit.",
                },
                {
                  kind: "url",
                  name: "videoUrl",
                  label: "Video link",
                  hint: "For telehealth: an https:// address.",
                },
                { kind: "datetime-local", name: "startsAt", label: "Starts", required: true },
                { kind: "datetime-local", name: "endsAt", label: "Ends", required: true },
                { kind: "checkbox", name: "pastConfirmed", label: PAST_CONFIRMATION_LABEL },
                {
                  kind: "select",
                  name: "repeat",
                  label: "Repeat",
                  defaultValue: "none",
                  options: [
                    { value: "none", label: "Does not repeat" },
                    { value: "1", label: "Every week" },
                    { value: "2", label: "Every 2 weeks" },
                    { value: "3", label: "Every 3 weeks" },
                    { value: "4", label: "Every 4 weeks" },
                  ],
                },
                {
                  kind: "select",
                  name: "occurrences",
                  label: "Number of appointments in the series",
                  defaultValue: "6",
                  options: Array.from({ length: 25 }, (_, i) => ({
                    value: String(i + 2),
                    label: String(i + 2),
                  })),
                },
                {
                  kind: "textarea",
                  name: "patientNotes",
                  label: "Notes for the patient",
                  hint: "What to bring, how to prepare. The patient sees this.",
                  maxLength: 2000,
                },
                {
                  kind: "textarea",
                  name: "internalNotes",
                  label: "Internal notes",
                  hint: "Staff only.",
                  maxLength: 2000,
                },
              ]}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}
