import "server-only";

export {
  getMyAppointment,
  type MyAppointment,
  type OpenRequest,
  type RequestOutcome,
  requestAppointmentChange,
} from "./portal-requests";
export { handleChangeRequest } from "./request-outcomes";
export * from "./request-schemas";
export {
  type CoordinatorTask,
  listChangeRequestsForCaseload,
  listPatientChangeRequests,
} from "./request-tasks";
