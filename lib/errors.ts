/** Not there, or not yours: the two look the same to the caller (404). */
export class NotFoundError extends Error {
  constructor() {
    super("Not found");
    this.name = "NotFoundError";
  }
}

/** A rule of the domain refused the change; the message is safe to show. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    /** Lines that explain the refusal, each safe to show. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Another person saved the record first. */
export class StaleVersionError extends DomainError {
  constructor(changedBy: string | null) {
    super(
      changedBy
        ? `${changedBy} changed this record while you were editing. Review their change, then save again.`
        : "Someone changed this record while you were editing. Review their change, then save again.",
    );
    this.name = "StaleVersionError";
  }
}

/** The SQLSTATE of a database error, from postgres.js or PGlite, wrapped by drizzle or not. */
export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}
