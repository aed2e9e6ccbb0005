import Link from "next/link";
import { WrittenWords } from "@/components/appointments/portal-instructions";
import { type Correction, ItemCorrection } from "@/components/portal/item-correction";
import type { portalFormat } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import type { TimelineItem } from "@/lib/portal/timeline";

export type PortalFormat = ReturnType<typeof portalFormat>;

/** What a timeline item is called: staff titles as written, categories and request types in words. */
export function itemTitle(item: Pick<TimelineItem, "kind" | "title">, t: Messages): string {
  if (item.kind === "concern") return t.categories[item.title] ?? item.title;
  if (item.kind === "rights") return t.rights.types[item.title]?.name ?? item.title;
  return item.title;
}

function status(item: TimelineItem, t: Messages): string | null {
  if (!item.status) return null;
  if (item.kind === "appointment") return t.appointmentStatus[item.status] ?? item.status;
  if (item.kind === "appointmentChange") return t.appointmentRequest.outcomes[item.status] ?? item.status;
  if (item.kind === "concern") return t.concernStatus[item.status] ?? item.status;
  if (item.kind === "rights")
    return item.status === "open" ? t.rights.waiting : (t.rights.decision[item.status] ?? null);
  return null;
}

/**
 * An update as staff wrote it, marked with its language so screen readers pronounce it right, and
 * a note in the reader's language when it is written in the other one.
 */
function UpdateText({ item, t }: { item: TimelineItem; t: Messages }) {
  const note = t.timeline.writtenIn(item.language);
  const lang = item.language ?? undefined;
  return (
    <>
      {note ? <p className="mt-1 text-sm text-slate-700">{note}</p> : null}
      {item.body ? (
        <p className="mt-1 whitespace-pre-wrap break-words" lang={lang}>
          {item.body}
        </p>
      ) : null}
      {item.extra ? (
        <p className="mt-1 whitespace-pre-wrap break-words">
          <strong>{t.timeline.nextSteps}:</strong> <span lang={lang}>{item.extra}</span>
        </p>
      ) : null}
    </>
  );
}

/** Where, with whom and what to bring; styled once on the list, not on each term (issue 19: page size). */
function AppointmentFacts({ item, t }: { item: TimelineItem; t: Messages }) {
  return (
    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 break-words [&_dt]:font-medium">
      {item.place ? (
        <>
          <dt>{t.appointment.where}</dt>
          <dd>{item.place}</dd>
        </>
      ) : null}
      {item.who ? (
        <>
          <dt>{t.appointment.with}</dt>
          <dd>{item.who}</dd>
        </>
      ) : null}
      {item.extra ? (
        <>
          <dt>{t.appointment.bring}</dt>
          <dd>
            <WrittenWords t={t} text={item.extra} language={item.language} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * How every item looks, said once on the list that holds them rather than on each item: a panel,
 * its kind and date in brand colour, its title (issue 19: a long timeline sends each class twice,
 * in the HTML and in the RSC payload).
 */
export const TIMELINE_STYLES = [
  "space-y-3 [&_article]:rounded-lg [&_article]:bg-white [&_article]:p-4 [&_article]:shadow-sm",
  "[&_article>p:first-child]:text-sm [&_article>p:first-child]:font-medium [&_article>p:first-child]:text-brand-700",
  "[&_h3]:mt-1 [&_h3]:text-lg [&_h3]:font-semibold [&_h3]:break-words",
].join(" ");

/** One item of the care timeline, in the patient's language, in a list styled by TIMELINE_STYLES. */
export function TimelineEntry({
  item,
  t,
  f,
  query,
  correct,
}: {
  item: TimelineItem;
  t: Messages;
  f: PortalFormat;
  /** The query string that keeps family on the patient they chose. */
  query: string;
  /** "This is wrong" on items the viewer may ask to correct (the patient; family never), else null. */
  correct: Correction | null;
}) {
  const title = itemTitle(item, t);
  const state = status(item, t);
  const q = query ? `?${query}` : "";
  const detail =
    item.kind === "appointment"
      ? `/me/appointments/${item.id}${q}`
      : item.kind === "appointmentChange"
        ? `/me/appointments/${item.link}${q}`
        : item.kind === "concern"
          ? `/me/concerns/${item.id}${q}`
          : item.kind === "rights"
            ? `/me/rights${q}#request-${item.id}`
            : null;
  return (
    // The id is the anchor a notification links to (`/me#item-…`). Styled by TIMELINE_STYLES.
    <article id={`item-${item.id}`}>
      <p>
        {`${t.kinds[item.kind]} · `}
        <time dateTime={item.at.toISOString()}>
          {item.kind === "appointment" ? f.dateTime(item.at) : f.day(item.at)}
        </time>
        {state ? ` · ${state}` : ""}
      </p>
      <h3 lang={item.kind === "update" ? (item.language ?? undefined) : undefined}>
        {detail ? <Link href={detail}>{title}</Link> : title}
      </h3>
      {item.kind === "appointment" ? <AppointmentFacts item={item} t={t} /> : null}
      {item.link && item.kind === "appointment" ? (
        <p className="mt-1">
          <a href={item.link} rel="noopener noreferrer">
            {t.appointment.video}
          </a>
        </p>
      ) : null}
      {item.kind === "appointmentChange" ? (
        <>
          {item.extra ? (
            <p className="mt-1 text-sm text-slate-700">
              {t.appointmentRequest.request}: {t.appointmentRequest.kinds[item.extra] ?? item.extra}
            </p>
          ) : null}
          <p className="mt-1 whitespace-pre-wrap break-words">
            <strong>{t.appointmentRequest.note}:</strong> {item.body}
          </p>
        </>
      ) : null}
      {item.body &&
      item.kind !== "concern" &&
      item.kind !== "rights" &&
      item.kind !== "appointmentChange" &&
      item.kind !== "update" ? (
        <p className="mt-1 whitespace-pre-wrap break-words">{item.body}</p>
      ) : null}
      {item.kind === "update" ? <UpdateText item={item} t={t} /> : null}
      {item.kind === "message" && item.who ? <p className="text-sm text-slate-700">{item.who}</p> : null}
      {item.kind === "resource" && item.link ? (
        <p className="mt-1 break-all">
          <a href={item.link} rel="noopener noreferrer">
            {item.link}
          </a>
        </p>
      ) : null}
      {item.due ? (
        <p className="mt-1 font-medium">
          {item.kind === "concern"
            ? t.concern.hearBackBy(f.date(item.due))
            : t.rights.dueBy(f.date(item.due))}
        </p>
      ) : null}
      {correct && (item.kind === "appointment" || item.kind === "update" || item.kind === "message") ? (
        <ItemCorrection subject={`${item.kind}:${item.id}`} title={title} correct={correct} t={t} />
      ) : null}
    </article>
  );
}
