import type { Metadata } from "next";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { AppointmentCard } from "@/components/appointment-card";
import {
  type AppointmentChangeActions,
  ChangeForms,
  notesLanguageFields,
} from "@/components/appointments/change-forms";
import { ChangeRequestList } from "@/components/change-requests";
import { WhoDecidesBanner } from "@/components/directives/who-decides-banner";
import { WritingFor } from "@/components/language/writing-for";
import { PatientHeading } from "@/components/patient-nav";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { listPatientAppointments } from "@/lib/appointments";
import { listPatientChangeRequests } from "@/lib/appointments/requests";
import {
  APPOINTMENT_KIND_LABEL,
  APPOINTMENT_KINDS,
  PAST_CONFIRMATION_LABEL,
} from "@/lib/appointments/schemas";
import { getWhoDecidesBanner } from "@/lib/directives";
import { orgTimeZone } from "@/lib/time";
import {
  bookAppointmentAction,
  cancelAppointmentAction,
  handleChangeRequestAction,
  rescheduleAppointmentAction,
  setAppointmentStatusAction,
} from "./actions";

export const metadata: Metadata = { title: "Appointments" };

const changeActions: AppointmentChangeActions = {
  reschedule: rescheduleAppointmentAction,
  setStatus: setAppointmentStatusAction,
  cancel: cancelAppointmentAction,
};

export default async function AppointmentsPage({ params }: { params: Promise<{ id: string }> }) {
  const [data, requests, who] = await readRecordPage((await params).id, (actor, patientId) =>
    Promise.all([
      listPatientAppointments(actor, patientId),
      listPatientChangeRequests(actor, patientId),
      getWhoDecidesBanner(actor, patientId),
    ]),
  );
  return (
    <>
      <PatientHeading patient={data.patient} current="appointments" />
      {/* Booking a procedure: who decides if she cannot, and what she wants, in view. */}
      <WhoDecidesBanner who={who} patientId={data.patient.id} />
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
                    actions={
                      data.canWrite ? (
                        <ChangeForms item={item} actions={changeActions} need={data.languageNeed} />
                      ) : undefined
                    }
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
                    actions={
                      data.canWrite ? (
                        <ChangeForms item={item} actions={changeActions} need={data.languageNeed} />
                      ) : undefined
                    }
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
            {data.languageNeed ? (
              <WritingFor
                need={data.languageNeed}
                goesTo="the patient and family, except the internal notes,"
              />
            ) : null}
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
                ...notesLanguageFields(data.languageNeed?.defaultLanguage ?? "en"),
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
