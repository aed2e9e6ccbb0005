import "server-only";

export {
  getMyAppointment,
  type MyAppointment,
  type OpenRequest,
  requestAppointmentChange,
} from "./portal-requests";
export * from "./request-schemas";
export {
  type CoordinatorTask,
  completeChangeRequest,
  listChangeRequestsForCaseload,
  listPatientChangeRequests,
} from "./request-tasks";
