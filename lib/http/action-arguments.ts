/**
 * Whether a server action's arguments can be decoded, checked before Next decodes them.
 *
 * Next hands the body to React's decodeReply (decodeAction for a form posted without JavaScript)
 * only after the action id is found, and whatever that throws ("not json" is a SyntaxError, a
 * 20,000-deep array overflows the stack of React's recursive reviver) comes back as a 500: Next's
 * action handler sets 500 for any error in a fetch action and rethrows it for a form. There is no
 * hook between reading the body and decoding it, so the proxy checks the rows React will parse
 * and answers 400 itself.
 */

/**
 * Deeper than any argument Carebridge passes (form state is three levels), far shallower than the
 * depth at which React's reviver overflows the stack.
 */
export const MAX_ARGUMENT_DEPTH = 64;

/** Fetch actions (Next-Action header): a text body is row 0; in a multipart body, keys "0", "1"… */
const FETCH_ROW = /^S?\d+$/;
/** Forms posted without JavaScript: bound arguments under "$ACTION_<n>:<row>". */
const FORM_ROW = /^\$ACTION_[^:]*:S?\d+$/;

/** How deeply arrays and objects nest in a JSON text, counted without recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return deepest;
}

/** One row React will JSON.parse: valid JSON and not nested past the limit. */
export function isDecodableRow(text: string): boolean {
  if (jsonDepth(text) > MAX_ARGUMENT_DEPTH) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a server action request's body (already read, within the size limit) decodes: a text
 * body is one row; a multipart body must parse and each of its rows must.
 */
export async function actionArgumentsDecode(
  body: Uint8Array,
  contentType: string,
  fetchAction: boolean,
): Promise<boolean> {
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    // Next decodes a non-multipart body only for a fetch action; any other POST is not an action.
    return !fetchAction || isDecodableRow(new TextDecoder().decode(body));
  }
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    return false;
  }
  const row = fetchAction ? FETCH_ROW : FORM_ROW;
  for (const [key, value] of form) {
    if (typeof value === "string" && row.test(key) && !isDecodableRow(value)) return false;
  }
  return true;
}
