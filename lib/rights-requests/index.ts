import "server-only";

export {
  correctionSubjectTitle,
  fileRightsRequest,
  fileRightsRequestInPortal,
  type PortalRightsInput,
} from "./filing";
export type { RightsRequestItem } from "./items";
export * from "./portal";
export { getRightsRequest, listPatientRightsRequests, type PatientRightsRequests } from "./reads";
export * from "./schemas";
export {
  decideRightsRequest,
  extendRightsRequest,
  recordDisagreement,
  recordRightsResponse,
} from "./workflow";
export {
  getRightsCounts,
  listRightsWorklist,
  type RightsCounts,
  type RightsWorklist,
  rightsCountsPanel,
} from "./worklists";
