import type { FormState } from "@/components/ui/form-state";

type Form = [prev: FormState, formData: FormData];

/**
 * The concern page's server actions, handed down as props: the forms bind them to the concern
 * they show, and import nothing from the server.
 */
export interface ConcernActions {
  transition: (concernId: string, to: string, ...form: Form) => Promise<FormState>;
  resolve: (concernId: string, ...form: Form) => Promise<FormState>;
  interimNotice: (concernId: string, ...form: Form) => Promise<FormState>;
  qioReferral: (concernId: string, ...form: Form) => Promise<FormState>;
  assign: (concernId: string, ...form: Form) => Promise<FormState>;
  confidential: (concernId: string, ...form: Form) => Promise<FormState>;
}
