import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { orgTimeZone } from "@/lib/time";
import { versionFor } from "@/lib/written-language";

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
  /**
   * The language of the text shown ("en" | "es": updates, appointment instructions), else null:
   * the reader's own when staff wrote that version, else the language it was written in.
   */
  language: string | null;
}

/** A row as the timeline's statement returns it: with the English version beside a Spanish text. */
export interface TimelineRow extends TimelineItem {
  titleEnglish: string | null;
  bodyEnglish: string | null;
  extraEnglish: string | null;
}

export const text = (value: SQL | unknown) => sql<string | null>`${value}::text`;
const none = sql<string | null>`null::text`;
const noTime = sql<Date | null>`null::timestamptz`;

/** One kind's columns as the timeline's shared shape, so every kind can be one UNION ALL. */
export function shape(
  kind: TimelineKind,
  fields: Partial<Record<keyof TimelineRow, SQL>> & { id: SQL; at: SQL },
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
    titleEnglish: (fields.titleEnglish ?? none).as("title_english"),
    bodyEnglish: (fields.bodyEnglish ?? none).as("body_english"),
    extraEnglish: (fields.extraEnglish ?? none).as("extra_english"),
  };
}

/** The organisation's time zone as an SQL literal, for due days computed from timestamps. */
export const zone = () => sql.raw(`'${orgTimeZone().replace(/'/g, "")}'`);

/**
 * A row as the reader sees it: the English version beside a Spanish text for a reader of English,
 * else the text as written (the page notes its language); the other version is not sent. A
 * UNION's timestamps come back as text from some drivers: they become dates.
 */
export function normalise(row: TimelineRow, reader?: string): TimelineItem {
  const { titleEnglish, bodyEnglish, extraEnglish, ...item } = row;
  const english =
    titleEnglish !== null || bodyEnglish !== null || extraEnglish !== null
      ? {
          title: titleEnglish ?? item.title,
          body: bodyEnglish ?? item.body,
          extra: extraEnglish ?? item.extra,
        }
      : null;
  const seen =
    reader && item.language === "es"
      ? versionFor(reader, "es", { title: item.title, body: item.body, extra: item.extra }, english)
      : null;
  return {
    ...item,
    ...(seen ? { ...seen.value, language: seen.language } : {}),
    at: row.at instanceof Date ? row.at : new Date(row.at),
    endsAt: row.endsAt === null || row.endsAt instanceof Date ? row.endsAt : new Date(row.endsAt),
  };
}
