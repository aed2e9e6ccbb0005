import { Fragment } from "react";
import { Alert } from "./alert";
import type { FormState } from "./form-state";

/**
 * Fields kept in other forms on the same page (a screening's questions, each saved on its own):
 * when an action refuses naming some of them in its errors, the refusal links to each.
 */
export interface FieldLinks {
  /** Said instead of the action's message when it names any of the fields; the links follow it. */
  intro: string;
  /** By field name (the action's error keys), in the page's order: the link's words and where it goes. */
  fields: Record<string, { label: string; name: string; href: string }>;
}

/**
 * A form's refusal: the message and the lines that explain it; when it names fields listed in
 * `links`, a link to each instead, so the user can go straight to them by keyboard.
 */
export function FormRefusal({ state, links }: { state: FormState; links?: FieldLinks }) {
  if (!state.message) return null;
  const named = Object.entries(links?.fields ?? {}).filter(([field]) => state.errors?.[field]?.length);
  return (
    <Alert tone="error">
      {links && named.length > 0 ? (
        <p>
          {links.intro}{" "}
          {named.map(([field, link], i) => (
            <Fragment key={field}>
              {i > 0 ? ", " : null}
              <a href={link.href} aria-label={link.name} className="font-medium underline">
                {link.label}
              </a>
            </Fragment>
          ))}
          .
        </p>
      ) : (
        <p>{state.message}</p>
      )}
      {state.details?.length ? (
        <ul className="mt-2 list-disc pl-5">
          {state.details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
