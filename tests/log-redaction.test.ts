import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { installLogRedaction, redactLogArgument } from "@/lib/logging/redact";

describe("log redaction", () => {
  it("cuts the bound values out of a real failed query's error", async () => {
    const error = await db()
      .execute(sql`select ${"Maria Alvarez 1956-03-14"}::int`)
      .then(() => null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toContain("Maria Alvarez");
    const redacted = redactLogArgument(error) as Error;
    expect(redacted.message).not.toContain("Maria Alvarez");
    expect(redacted.stack ?? "").not.toContain("Maria Alvarez");
    expect(redacted.message).toContain("params: [redacted]");
  });

  it("wraps console once and passes everything else through", () => {
    const lines: unknown[][] = [];
    const fake = { error: (...a: unknown[]) => lines.push(a), warn: () => {}, log: () => {}, info: () => {} };
    installLogRedaction(fake);
    installLogRedaction(fake);
    fake.error("Failed query: select 1\nparams: Jane Doe,1970-01-01", 42);
    expect(lines).toEqual([["Failed query: select 1\nparams: [redacted]", 42]]);
  });
});
