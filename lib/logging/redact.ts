/**
 * Keeps PHI out of the server's logs. A failed query's error message (drizzle's
 * "Failed query: … params: …") carries the values bound to the query, which can be a patient's
 * name or date of birth: those values are cut before anything is printed.
 */
const PARAMS = /(\n?params: )[\s\S]*?(?=\n {4}at |\n\s*$|$)/g;

export function redactText(text: string): string {
  return text.replace(PARAMS, "$1[redacted]");
}

export function redactLogArgument(value: unknown): unknown {
  if (typeof value === "string") return redactText(value);
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? redactText(value.stack) : undefined;
    const code = (value as { code?: unknown }).code ?? (value.cause as { code?: unknown } | undefined)?.code;
    if (code !== undefined) Object.assign(copy, { code });
    const digest = (value as { digest?: unknown }).digest;
    if (digest !== undefined) Object.assign(copy, { digest });
    return copy;
  }
  return value;
}

/** Wraps console's writers once per process. */
export function installLogRedaction(
  target: Pick<Console, "error" | "warn" | "log" | "info"> = console,
): void {
  const marker = Symbol.for("carebridge.log-redaction");
  const holder = target as unknown as Record<symbol, boolean>;
  if (holder[marker]) return;
  holder[marker] = true;
  for (const method of ["error", "warn", "log", "info"] as const) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) => original(...args.map(redactLogArgument));
  }
}
