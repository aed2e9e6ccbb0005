import type { FormState } from "@/components/ui/form-state";

type Form = [prev: FormState, formData: FormData];

/**
 * The care-plan page's server actions, handed down as props: components bind them to the plan and
 * the item they show, and import nothing from the server.
 */
export interface CarePlanActions {
  updateDetails: (planId: string, ...form: Form) => Promise<FormState>;
  transition: (planId: string, to: string, ...form: Form) => Promise<FormState>;
  addItem: (planId: string, kind: string, ...form: Form) => Promise<FormState>;
  editItem: (planId: string, kind: string, itemId: string, ...form: Form) => Promise<FormState>;
  removeItem: (planId: string, kind: string, itemId: string, ...form: Form) => Promise<FormState>;
  saveTemplate: (planId: string, ...form: Form) => Promise<FormState>;
}
