import "server-only";
import { Column, getTableColumns, is, SQL, type SQLWrapper, Subquery, sql, Table } from "drizzle-orm";
import { type PgSelectBuilder, QueryBuilder, type SelectedFields } from "drizzle-orm/pg-core";
import type { TypedQueryBuilder } from "drizzle-orm/query-builders/query-builder";
import { type Executor, queryRows } from "@/db/client";

/**
 * Several reads of one page in one statement (issue 19: a round trip each was most of a page's
 * statements). Each part is an ordinary drizzle select whose row is built as JSON inside the
 * database, and decoded here by the same columns drizzle would have decoded it with.
 */
export interface Part<T> {
  sql: SQL;
  decode: (value: unknown) => T;
}

type Decoder = { mapFromDriverValue: (value: unknown) => unknown };
type Built = TypedQueryBuilder<unknown, unknown[]> & SQLWrapper;
type Row<B extends Built> = B["_"]["result"] extends (infer R)[] ? R : never;
type Build<F extends SelectedFields, B extends Built> = (select: PgSelectBuilder<F, "qb">) => B;

// jsonb_build_object takes at most 100 arguments: 50 keys a call, the calls' objects joined with ||.
const KEYS_PER_CALL = 50;

/**
 * The fields of a nested selection (a table, or an object of columns), or null for one value. A
 * nested object is always an object here, even of nulls: nest only inner-joined tables.
 */
function fieldsOf(value: unknown): Record<string, unknown> | null {
  if (is(value, Table)) return getTableColumns(value);
  if (is(value, Column) || is(value, SQL) || is(value, SQL.Aliased)) return null;
  if (is(value, Subquery)) throw new Error("readTogether: select a subquery's fields one by one");
  return value as Record<string, unknown>;
}

function jsonObject(fields: Record<string, unknown>): SQL {
  const pairs = Object.entries(fields).map(([key, value]) => {
    const nested = fieldsOf(value);
    const expression = nested
      ? jsonObject(nested)
      : is(value, SQL.Aliased)
        ? value.sql
        : (value as SQLWrapper);
    // The keys are the code's own names, never input: written into the statement, not as parameters.
    return sql`${sql.raw(`'${key.replaceAll("'", "''")}'`)}, ${expression}`;
  });
  const calls: SQL[] = [];
  for (let i = 0; i < pairs.length; i += KEYS_PER_CALL)
    calls.push(sql`jsonb_build_object(${sql.join(pairs.slice(i, i + KEYS_PER_CALL), sql`, `)})`);
  return sql.join(calls, sql` || `);
}

function decodeObject(
  fields: Record<string, unknown>,
  json: Record<string, unknown>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = json[key] ?? null;
    const nested = fieldsOf(field);
    if (value === null) row[key] = null;
    else if (nested) row[key] = decodeObject(nested, value as Record<string, unknown>);
    else if (is(field, Column)) row[key] = field.mapFromDriverValue(value);
    else {
      // drizzle keeps an expression's `mapWith` on it, untyped: the same decoder its own select uses.
      const expression = (is(field, SQL.Aliased) ? field.sql : field) as unknown as { decoder: Decoder };
      row[key] = expression.decoder.mapFromDriverValue(value);
    }
  }
  return row;
}

function built<F extends SelectedFields, B extends Built>(fields: F, build: Build<F, B>): SQL {
  // The query is built on a one-column select (the row as JSON); its type is the select of `fields`.
  const select = new QueryBuilder().select({ json: jsonObject(fields).as("json") });
  return build(select as unknown as PgSelectBuilder<F, "qb">).getSQL();
}

/** Every row of the query, in its order (an ARRAY subquery keeps the order its ORDER BY gives). */
export function listOf<F extends SelectedFields, B extends Built>(
  fields: F,
  build: Build<F, B>,
): Part<Row<B>[]> {
  return {
    sql: sql`to_json(array(${built(fields, build)}))`,
    decode: (value) =>
      ((value as Record<string, unknown>[] | null) ?? []).map((r) => decodeObject(fields, r) as Row<B>),
  };
}

/** The query's first row, or null. */
export function oneOf<F extends SelectedFields, B extends Built>(
  fields: F,
  build: Build<F, B>,
): Part<Row<B> | null> {
  return {
    sql: sql`(select r.json from (${built(fields, build)}) r limit 1)`,
    decode: (value) => (value ? (decodeObject(fields, value as Record<string, unknown>) as Row<B>) : null),
  };
}

/** A part that is not read: a constant, for a reader that may not show it. */
export function nothing<T>(value: T): Part<T> {
  return { sql: sql`null`, decode: () => value };
}

/** Several parts as one (a panel that reads two lists): their values, each under its name. */
export function groupParts<P extends Record<string, Part<unknown>>>(parts: P): Part<PartsRead<P>> {
  const names = Object.keys(parts);
  return {
    sql: sql`json_build_array(${sql.join(
      names.map((name) => parts[name]!.sql),
      sql`, `,
    )})`,
    decode: (value) =>
      Object.fromEntries(
        names.map((name, i) => [name, parts[name]!.decode((value as unknown[] | null)?.[i] ?? null)]),
      ) as PartsRead<P>,
  };
}

/** A part whose value is made into another as it is decoded (rows into a page's items). */
export function mapPart<T, U>(part: Part<T>, map: (value: T) => U): Part<U> {
  return { sql: part.sql, decode: (value) => map(part.decode(value)) };
}

/** The parts when the condition holds (the reader may see them), else none of them read: the fallback. */
export function partsIf<P extends Record<string, Part<unknown>>>(
  condition: boolean,
  parts: P,
  fallback: PartsRead<P>,
): P {
  if (condition) return parts;
  return Object.fromEntries(Object.keys(parts).map((k) => [k, nothing(fallback[k])])) as unknown as P;
}

/** What a part reads as. */
export type PartValue<P> = P extends Part<infer T> ? T : never;

/** What a set of parts reads as: each part's value under its name. */
export type PartsRead<P> = { [K in keyof P]: PartValue<P[K]> };

/** Runs every part in one statement and decodes each under its name. */
export async function readTogether<P extends Record<string, Part<unknown>>>(
  executor: Executor,
  parts: P,
): Promise<PartsRead<P>> {
  const names = Object.keys(parts);
  if (names.length === 0) return {} as PartsRead<P>;
  const columns = names.map((name, i) => sql`${parts[name]!.sql} as ${sql.identifier(`p${i}`)}`);
  const [row] = await queryRows<Record<string, unknown>>(executor, sql`select ${sql.join(columns, sql`, `)}`);
  return Object.fromEntries(
    names.map((name, i) => [name, parts[name]!.decode(row?.[`p${i}`] ?? null)]),
  ) as PartsRead<P>;
}
