import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Database, db } from "@/db/client";
import { appointmentRequests, appointments, patients, users } from "@/db/schema";
import {
  type Actor,
  allowsGlobal,
  authorizeGlobal,
  authorizePatient,
  can,
  caseloadPatientIds,
} from "@/lib/authz";
import { notShown, type Panel, readPanel, worklistPanel } from "@/lib/records/read-panels";
import { listOf } from "@/lib/records/read-together";
import { type OpenRequest, requestColumns } from "./portal-requests";

export interface CoordinatorTask extends OpenRequest {
  patientId: string;
  patientName: string;
  appointmentId: string;
  appointmentTitle: string;
  appointmentStartsAt: Date;
  requestedByName: string;
}

const TASK_COLUMNS = {
  ...requestColumns,
  patientId: appointmentRequests.patientId,
  patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
  appointmentId: appointments.id,
  appointmentTitle: appointments.title,
  appointmentStartsAt: appointments.startsAt,
  requestedByName: users.name,
};

function taskQuery(database: Database) {
  return database
    .select(TASK_COLUMNS)
    .from(appointmentRequests)
    .innerJoin(appointments, eq(appointments.id, appointmentRequests.appointmentId))
    .innerJoin(patients, eq(patients.id, appointmentRequests.patientId))
    .innerJoin(users, eq(users.id, appointmentRequests.requestedBy));
}

/** The coordinator's tasks: open requests from patients in their caseload, oldest first. */
export async function listChangeRequestsForCaseload(actor: Actor, limit = 20): Promise<CoordinatorTask[]> {
  // Advocates share the dashboard but do not move appointments: their list is empty, not refused.
  if (!allowsGlobal(actor.role, "handle:appointmentChangeRequests")) {
    await authorizeGlobal(actor, "list:caseload");
    return [];
  }
  return readPanel(actor, changeRequestsPanel(actor, limit));
}

/**
 * The same, as a panel of the dashboard's one statement. For a role that does not handle the
 * requests the list is empty and shows no one, so it is neither read nor audited.
 */
export function changeRequestsPanel(actor: Actor, limit = 20): Panel<CoordinatorTask[]> {
  if (!allowsGlobal(actor.role, "handle:appointmentChangeRequests")) return notShown([]);
  const tasks = listOf(TASK_COLUMNS, (q) =>
    q
      .from(appointmentRequests)
      .innerJoin(appointments, eq(appointments.id, appointmentRequests.appointmentId))
      .innerJoin(patients, eq(patients.id, appointmentRequests.patientId))
      .innerJoin(users, eq(users.id, appointmentRequests.requestedBy))
      .where(
        and(
          isNull(appointmentRequests.handledAt),
          inArray(appointmentRequests.patientId, caseloadPatientIds(actor.userId)),
        ),
      )
      .orderBy(asc(appointmentRequests.requestedAt))
      .limit(limit),
  );
  return worklistPanel("list:caseload", "appointment.change-request-list", tasks, (rows) =>
    rows.map((task) => task.patientId),
  );
}

/** Open requests for one patient, on the coordinator's appointments page. */
export async function listPatientChangeRequests(actor: Actor, patientId: string): Promise<CoordinatorTask[]> {
  const access = await authorizePatient(actor, "read:appointment", patientId);
  if (!can(actor, "write:appointment", access)) return [];
  return taskQuery(db())
    .where(and(eq(appointmentRequests.patientId, patientId), isNull(appointmentRequests.handledAt)))
    .orderBy(desc(appointmentRequests.requestedAt));
}
