import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { orgTimeZone } from "@/lib/time";

export const TIMELINE_KINDS = [
  "appointment",
  "appointmentChange",
  "update",
  "message",
  "concern",
  "rights",
  "resource",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One thing on the patient's timeline. Text is as staff wrote it for the patient; keys are translated. */
export interface TimelineItem {
  kind: TimelineKind;
  id: string;
  at: Date;
  endsAt: Date | null;
  /** A title as written, or for concerns and rights requests the category or type key. */
  title: string;
  status: string | null;
  body: string | null;
  place: string | null;
  link: string | null;
  who: string | null;
  /** What to bring (appointments), next steps (updates). */
  extra: string | null;
  /** The day the patient will hear back (concerns, rights requests), ISO. */
  due: string | null;
  /** The language staff wrote the text in ("en" | "es"; updates), else null. */
  language: string | null;
}

export const text = (value: SQL | unknown) => sql<string | null>`${value}::text`;
const none = sql<string | null>`null::text`;
const noTime = sql<Date | null>`null::timestamptz`;

/** One kind's columns as the timeline's shared shape, so every kind can be one UNION ALL. */
export function shape(
  kind: TimelineKind,
  fields: Partial<Record<keyof TimelineItem, SQL>> & { id: SQL; at: SQL },
) {
  return {
    kind: sql<TimelineKind>`${kind}::text`.as("kind"),
    id: sql<string>`${fields.id}::text`.as("id"),
    at: sql<Date>`${fields.at}`.as("at"),
    endsAt: (fields.endsAt ?? noTime).as("ends_at"),
    title: sql<string>`${fields.title ?? none}`.as("title"),
    status: (fields.status ?? none).as("status"),
    body: (fields.body ?? none).as("body"),
    place: (fields.place ?? none).as("place"),
    link: (fields.link ?? none).as("link"),
    who: (fields.who ?? none).as("who"),
    extra: (fields.extra ?? none).as("extra"),
    due: (fields.due ?? none).as("due"),
    language: (fields.language ?? none).as("language"),
  };
}

/** The organisation's time zone as an SQL literal, for due days computed from timestamps. */
export const zone = () => sql.raw(`'${orgTimeZone().replace(/'/g, "")}'`);

/** A UNION's timestamps come back as text from some drivers: make them dates. */
export function normalise(row: TimelineItem): TimelineItem {
  return {
    ...row,
    at: row.at instanceof Date ? row.at : new Date(row.at),
    endsAt: row.endsAt === null || row.endsAt instanceof Date ? row.endsAt : new Date(row.endsAt),
  };
}
