/** What every form action returns to useActionState: field messages and the user's input, never a row. */
export interface FormState {
  errors?: Record<string, string[] | undefined>;
  message?: string;
  /** Lines that explain the message, e.g. each appointment a booking clashes with. */
  details?: string[];
  values?: Record<string, string>;
  ok?: string;
  /** An address to copy, shown once with the success message (a calendar feed, an invitation). */
  link?: { label: string; url: string };
}

export type FormAction = (prev: FormState, data: FormData) => Promise<FormState>;

export const EMPTY_FORM: FormState = {};
