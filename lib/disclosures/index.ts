import "server-only";

export {
  type Accounting,
  type AccountingSummary,
  type DisclosureItem,
  type DisclosureLog,
  getAccounting,
  getDisclosureLog,
} from "./reads";
export {
  ACCOUNTING_YEARS,
  AccountingIdSchema,
  type AccountingInput,
  DisclosureIdSchema,
  type DisclosureInput,
  disclosureSchemas,
  type VoidInput,
} from "./schemas";
export { produceAccounting, recordDisclosure, voidDisclosure } from "./writes";
