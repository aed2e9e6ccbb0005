import Link from "next/link";
import { WrittenWords } from "@/components/appointments/portal-instructions";
import { CorrectionForm } from "@/components/portal/correction-form";
import { Card } from "@/components/ui/card";
import { Expander } from "@/components/ui/expander";
import type { FormAction } from "@/components/ui/form-state";
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

/** One item of the care timeline, in the patient's language. */
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
  /** The action that files a correction of an item ("kind:id"), when the viewer may (else null). */
  correct: ((subject: string) => FormAction) | null;
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
    <Card as="article" padding={4} id={`item-${item.id}`} aria-labelledby={`item-${item.id}-title`}>
      <p className="text-sm font-medium text-brand-700">
        {t.kinds[item.kind]} ·{" "}
        <time dateTime={item.at.toISOString()}>
          {item.kind === "appointment" ? f.dateTime(item.at) : f.day(item.at)}
        </time>
        {state ? ` · ${state}` : ""}
      </p>
      <h3
        id={`item-${item.id}-title`}
        className="mt-1 text-lg font-semibold break-words"
        lang={item.kind === "update" ? (item.language ?? undefined) : undefined}
      >
        {detail ? <Link href={detail}>{title}</Link> : title}
      </h3>
      {item.kind === "appointment" ? (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3">
          {item.place ? (
            <>
              <dt className="font-medium">{t.appointment.where}</dt>
              <dd className="break-words">{item.place}</dd>
            </>
          ) : null}
          {item.who ? (
            <>
              <dt className="font-medium">{t.appointment.with}</dt>
              <dd>{item.who}</dd>
            </>
          ) : null}
          {item.extra ? (
            <>
              <dt className="font-medium">{t.appointment.bring}</dt>
              <dd className="break-words">
                <WrittenWords t={t} text={item.extra} language={item.language} />
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
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
        <Expander
          className="mt-2 text-sm"
          summary={
            <>
              {t.timeline.thisIsWrong}
              <span className="sr-only">: {title}</span>
            </>
          }
        >
          <CorrectionForm
            action={correct(`${item.kind}:${item.id}`)}
            subject={`${item.kind}:${item.id}`}
            words={{
              label: t.rights.whatIsWrong,
              hint: t.rights.whatIsWrongHint,
              submit: t.rights.correctionSubmit,
              pending: t.saving,
            }}
          />
        </Expander>
      ) : null}
    </Card>
  );
}
