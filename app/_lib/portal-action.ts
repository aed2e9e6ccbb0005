import type { z } from "zod";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import type { FormState } from "./action-results";
import { type ActionAccess, type ActionContext, type ActionForm, recordAction } from "./record-action";

/** An action's context in the portal: also the person's language and its words. */
export interface PortalContext<B = undefined> extends ActionContext<B> {
  locale: Locale;
  t: Messages;
}

/**
 * `recordAction` for a portal form: once the caller may act, the person's language is read, and
 * the schema, the answers and the summary over field errors are all in it.
 */
export async function portalAction<S extends z.ZodType, R, B = undefined>(
  formData: FormData | undefined,
  access: ActionAccess<B>,
  schema: (t: Messages, context: ActionContext<B>) => S,
  form: (context: PortalContext<B>) => ActionForm<S, R>,
): Promise<FormState> {
  let words: { locale: Locale; t: Messages } | undefined;
  return recordAction(
    formData,
    access,
    async (context) => {
      words = await portalMessages(context.actor);
      return schema(words.t, context);
    },
    (context) => {
      const portal = { ...context, ...words! };
      return { checkFields: portal.t.errors.checkFields, ...form(portal) };
    },
  );
}
