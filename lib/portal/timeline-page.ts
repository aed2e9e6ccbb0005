import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { z } from "zod";
import { type Executor, queryRows } from "@/db/client";
import { upcomingAppointments } from "./timeline-sources/appointments";
import type { TimelineKind, TimelineRow } from "./timeline-sources/shape";
import { sources } from "./timeline-sources/sources";

/** How many items of the history one page shows; the rest are behind "Show older items" (issue 19). */
export const TIMELINE_PAGE_SIZE = 10;
/** How many upcoming appointments the home shows; all twenty next ones are under the appointments filter. */
export const UPCOMING_ON_HOME = 5;

/**
 * Where an earlier page of the history starts: the time (UTC, to the microsecond, as the database
 * keeps it) and the id of the last item of the page before, e.g. `2026-03-02T14:05:09.123456Z_<id>`.
 * A cursor, not a page number: an item arriving meanwhile neither repeats nor hides one.
 */
export const TimelineCursorSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z_[\w:-]{1,80}$/);

interface Raw {
  section: "upcoming" | "history";
  kind: TimelineKind;
  id: string;
  at: Date | string;
  ends_at: Date | string | null;
  title: string;
  status: string | null;
  body: string | null;
  place: string | null;
  link: string | null;
  who: string | null;
  extra: string | null;
  due: string | null;
  language: string | null;
  title_english: string | null;
  body_english: string | null;
  extra_english: string | null;
  cursor: string | null;
}

const toRow = (r: Raw): TimelineRow => ({
  kind: r.kind,
  id: r.id,
  at: r.at as Date,
  endsAt: r.ends_at as Date | null,
  title: r.title,
  status: r.status,
  body: r.body,
  place: r.place,
  link: r.link,
  who: r.who,
  extra: r.extra,
  due: r.due,
  language: r.language,
  titleEnglish: r.title_english,
  bodyEnglish: r.body_english,
  extraEnglish: r.extra_english,
});

export interface TimelinePage {
  upcoming: TimelineRow[];
  history: TimelineRow[];
  /** The cursor of the page after this one (older items), or null when this is the last. */
  earlier: string | null;
  /** More appointments are coming up than `upcoming` holds. */
  moreUpcoming: boolean;
}

/**
 * The upcoming appointments and one page of the history, newest first, in one statement: each
 * kind's rows before `now` as one UNION ALL, from the cursor on, and the next appointments beside.
 */
export async function readTimelinePage(
  executor: Executor,
  patientId: string,
  options: {
    kinds: TimelineKind[];
    /** How many upcoming appointments to read (0: none). */
    upcoming: number;
    before?: string;
    now: Date;
    confidential: boolean;
  },
): Promise<TimelinePage> {
  const { kinds, now } = options;
  const parts: SQL[] = [];
  if (options.upcoming > 0) {
    const next = upcomingAppointments(patientId, now, options.upcoming + 1);
    parts.push(sql`select 'upcoming'::text as section, u.*, null::text as cursor from (${next}) u`);
  }
  const [first, ...rest] = sources(patientId, kinds, now, options.confidential);
  if (first) {
    const all = rest.length > 0 ? unionAll(first, ...(rest as [typeof first, ...(typeof first)[]])) : first;
    const [at, id] = options.before ? splitCursor(options.before) : [null, null];
    const from = at
      ? sql`where t.at < ${at}::timestamptz or (t.at = ${at}::timestamptz and t.id > ${id})`
      : sql``;
    parts.push(sql`select 'history'::text as section, h.*,
        to_char(h.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || h.id as cursor
      from (select * from (${all}) t ${from} order by t.at desc, t.id limit ${TIMELINE_PAGE_SIZE + 1}) h`);
  }
  if (parts.length === 0) return { upcoming: [], history: [], earlier: null, moreUpcoming: false };
  const rows = await queryRows<Raw>(
    executor,
    sql`select * from (${sql.join(parts, sql` union all `)}) x
      order by x.section desc, case when x.section = 'upcoming' then x.at end, x.at desc, x.id`,
  );
  const history = rows.filter((r) => r.section === "history");
  const shown = history.slice(0, TIMELINE_PAGE_SIZE);
  const upcoming = rows.filter((r) => r.section === "upcoming");
  return {
    upcoming: upcoming.slice(0, options.upcoming).map(toRow),
    moreUpcoming: upcoming.length > options.upcoming,
    history: shown.map(toRow),
    earlier: history.length > TIMELINE_PAGE_SIZE ? (shown.at(-1)?.cursor ?? null) : null,
  };
}

function splitCursor(cursor: string): [string, string] {
  const cut = cursor.indexOf("_");
  return [cursor.slice(0, cut), cursor.slice(cut + 1)];
}
