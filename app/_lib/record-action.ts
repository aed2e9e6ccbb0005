import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireActor } from "@/lib/auth/current-user";
import { requireRecentSecondFactor, StepUpRequiredError, stepUpAsked, stepUpDue } from "@/lib/auth/step-up";
import type { Actor } from "@/lib/authz/actor";
import { authorizeAction, authorizeGlobalAction, type RecordKind } from "@/lib/authz/guard";
import { type FormChange, type FormState, formValues, saveForm } from "./action-results";
import { fieldNames } from "./field-names";
import { idOr404, orNotFound, ownRecordOr404 } from "./guards";

type PatientPermission = Parameters<typeof authorizeAction>[1];
type GlobalPermission = Parameters<typeof authorizeGlobalAction>[1];

/**
 * Who may run an action, and on what: a patient named by a bound id, a record named by one (its
 * owner is looked up), the caller's own record (the context's id is then the patient's), or a
 * power of the role (with the id it names, if any). `bound` parses the page's other bound
 * arguments (or ends in the 404) before the policy is asked, as the id is.
 */
export type ActionAccess<B = undefined> = {
  bound?: () => B;
  /** Ask for the second factor again if it is stale (the policy's step-up powers always do). */
  stepUp?: true;
} & (
  | { patient: unknown; may: PatientPermission }
  | { record: RecordKind; id: unknown; may: PatientPermission }
  | { own: PatientPermission }
  | { global: GlobalPermission; id?: unknown }
);

export interface ActionContext<B = undefined> {
  actor: Actor;
  /** The patient's or record's id, parsed; for a power of the role that names nothing, "". */
  id: string;
  bound: B;
}

/** A form's change, for an action whose caller may act (the schema is given beside it). */
export interface ActionForm<S extends z.ZodType, R> extends Omit<FormChange<S, R>, "schema"> {
  /** Values bound by the page (the status a button moves to), over any the form sends. */
  given?: Record<string, string>;
  /** Fields checked but never handed back, read as sent (a password, a confirmation). */
  secret?: readonly string[];
}

/** The schema of an action's form, or how to build it once the caller may act. */
export type ActionSchema<S extends z.ZodType, B> = S | ((context: ActionContext<B>) => S | Promise<S>);

/**
 * The first half of every action: who is asking (or the sign-in page), the bound ids parsed (or
 * the 404), and the policy asked (or the audited 404), all before a field of the form is read.
 */
export async function actionAccess<B = undefined>(access: ActionAccess<B>): Promise<ActionContext<B>> {
  const context = await authorizedAccess(access);
  if (stepUpAsked(asked(access))) await requireRecentSecondFactor(context.actor);
  return context;
}

/** What of an action's access decides whether it asks for the second factor again (ADR 013). */
const asked = (access: ActionAccess<unknown>) => ({
  stepUp: access.stepUp,
  global: "global" in access ? access.global : undefined,
});

async function authorizedAccess<B>(access: ActionAccess<B>): Promise<ActionContext<B>> {
  const actor = await requireActor();
  let id = "";
  if ("patient" in access) id = idOr404(access.patient);
  else if ("id" in access) id = idOr404(access.id);
  const bound = access.bound ? access.bound() : (undefined as B);
  if ("own" in access) id = await ownRecordOr404(actor, access.own);
  else if ("global" in access) await orNotFound(authorizeGlobalAction(actor, access.global));
  else if ("patient" in access) await orNotFound(authorizeAction(actor, access.may, { patientId: id }));
  else await orNotFound(authorizeAction(actor, access.may, { record: access.record, id }));
  return { actor, id, bound };
}

/**
 * A whole server action: `actionAccess`, then the form's fields (named by its schema) read, checked
 * and handed to one change (`saveForm`). The schema and `form` are built once the caller may act,
 * so they can use the actor, the id and the person's language.
 */
export async function recordAction<S extends z.ZodType, R, B = undefined>(
  formData: FormData | undefined,
  access: ActionAccess<B>,
  schema: ActionSchema<S, B>,
  form: (context: ActionContext<B>) => ActionForm<S, R>,
): Promise<FormState> {
  const context = await authorizedAccess(access);
  const checked = typeof schema === "function" ? await schema(context) : schema;
  const spec = form(context);
  const secret = spec.secret ?? [];
  const given = spec.given ?? {};
  const typed = fieldNames(checked).filter((name) => !secret.includes(name) && !(name in given));
  const values = { ...(formData ? formValues(formData, typed) : {}), ...given };
  if (stepUpAsked(asked(access)) && (await stepUpDue(context.actor))) {
    // Nothing typed is lost while the person confirms it's them in the prompt the refreshed page shows.
    revalidatePath("/", "layout");
    return { message: new StepUpRequiredError().message, values };
  }
  const input: Record<string, unknown> = { ...values };
  for (const name of secret) input[name] = formData?.get(name) ?? undefined;
  return saveForm(values, { ...spec, schema: checked }, input);
}

/**
 * The actions of one page on one kind of record, said once: the record, the permission, the page
 * and where its schemas come from. Each action then names its id, its schema and its change.
 */
export function recordActions<All>(
  record: RecordKind,
  may: PatientPermission,
  page: string,
  schemas: () => All,
) {
  return <S extends z.ZodType>(
    recordId: unknown,
    formData: FormData,
    schema: (all: All) => S,
    form: (actor: Actor, id: string) => ActionForm<S, unknown>,
  ): Promise<FormState> =>
    recordAction(
      formData,
      { record, id: recordId, may },
      () => schema(schemas()),
      ({ actor, id }) => ({ page, ...form(actor, id) }),
    );
}
