import Link from "next/link";
import { languageName } from "@/components/language/writing-for";
import { Facts } from "@/components/ui/facts";
import type { ConcernDetail } from "@/lib/concerns";
import { formatCalendarDate, formatDateTime } from "@/lib/time";
import { ConcernPanel } from "./concern-panel";

/**
 * The written response the patient received, as written, with the English beside a Spanish one,
 * and links to print its letter (and its English copy).
 */
export function ConcernResponse({
  response,
  letters,
}: {
  response: NonNullable<ConcernDetail["response"]>;
  /** The letter page of this concern. */
  letters: string;
}) {
  const { language, english } = response;
  return (
    <ConcernPanel title="Written response">
      <p className="mb-3 text-sm text-slate-700">Written in {languageName(language)}.</p>
      <Facts
        layout="groups"
        items={[
          { label: "Contact person", value: response.contact },
          { label: "Steps taken to investigate", value: <span lang={language}>{response.steps}</span> },
          { label: "Results", value: <span lang={language}>{response.results}</span> },
          { label: "Steps taken, in English", value: english?.steps },
          { label: "Results, in English", value: english?.results },
          { label: "Date of completion", value: formatCalendarDate(response.completedOn) },
        ]}
      />
      <p className="mt-3 flex flex-wrap gap-4">
        <Link href={`${letters}?kind=response`}>Print the response letter ({languageName(language)})</Link>
        {english ? <Link href={`${letters}?kind=response&copy=en`}>English copy</Link> : null}
      </p>
    </ConcernPanel>
  );
}

/** The interim notice the patient was sent, with a link to print it. */
export function ConcernInterimNotice({
  interim,
  letters,
}: {
  interim: NonNullable<ConcernDetail["interim"]>;
  letters: string;
}) {
  return (
    <ConcernPanel title="Interim notice">
      <p>
        Sent {formatDateTime(interim.sentAt)}; the patient was told they will hear back by{" "}
        {formatCalendarDate(interim.expectedBy)}.
      </p>
      {interim.message ? <p className="mt-2 whitespace-pre-wrap">{interim.message}</p> : null}
      <p className="mt-3">
        <Link href={`${letters}?kind=interim`}>Print the interim notice</Link>
      </p>
    </ConcernPanel>
  );
}
