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

/**
 * The constraint or unique index a database error names, from either driver (PGlite says
 * `constraint`, postgres.js `constraint_name`), wrapped by drizzle or not.
 */
export function pgConstraintName(error: unknown): string | undefined {
  const named = (e: unknown) => {
    const c = e as { constraint?: unknown; constraint_name?: unknown } | null | undefined;
    const name = c?.constraint ?? c?.constraint_name;
    return typeof name === "string" ? name : undefined;
  };
  return named(error) ?? named((error as { cause?: unknown } | null)?.cause);
}

/**
 * Runs a transaction again when PostgreSQL aborted it to break a deadlock or a serialization
 * conflict (40P01, 40001). Concurrent inserts checked by two exclusion constraints can wait on
 * each other; the database picks one to abort, and the retry then sees the winner's committed row.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = pgErrorCode(error);
      if (attempt >= attempts || (code !== "40P01" && code !== "40001")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
