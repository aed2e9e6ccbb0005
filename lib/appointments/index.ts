import "server-only";

export { bookAppointments, occurrences } from "./booking";
export { cancelAppointment, rescheduleAppointment, setAppointmentStatus } from "./changes";
export { type Clash, ClashError } from "./clashes";
export { type AppointmentItem, listPatientAppointments, type PatientAppointments } from "./reads";
export * from "./schemas";
