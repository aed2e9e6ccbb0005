import type { FormState } from "@/components/ui/form-state";

type Form = [prev: FormState, formData: FormData];

/**
 * The rights-requests page's server actions, handed down as props: components bind them to the
 * patient or the request they show, and import nothing from the server.
 */
export interface RightsRequestActions {
  file: (patientId: string, ...form: Form) => Promise<FormState>;
  extend: (requestId: string, ...form: Form) => Promise<FormState>;
  decide: (requestId: string, ...form: Form) => Promise<FormState>;
  respond: (requestId: string, ...form: Form) => Promise<FormState>;
  disagreement: (requestId: string, ...form: Form) => Promise<FormState>;
}
