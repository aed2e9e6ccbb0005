import Link from "next/link";
import { Facts } from "@/components/ui/facts";
import type { ConcernDetail } from "@/lib/concerns";
import { formatCalendarDate, formatDateTime } from "@/lib/time";
import { ConcernPanel } from "./concern-panel";

/** The written response the patient received, with a link to print its letter. */
export function ConcernResponse({
  response,
  letters,
}: {
  response: NonNullable<ConcernDetail["response"]>;
  /** The letter page of this concern. */
  letters: string;
}) {
  return (
    <ConcernPanel title="Written response">
      <Facts
        layout="groups"
        items={[
          { label: "Contact person", value: response.contact },
          { label: "Steps taken to investigate", value: response.steps },
          { label: "Results", value: response.results },
          { label: "Date of completion", value: formatCalendarDate(response.completedOn) },
        ]}
      />
      <p className="mt-3">
        <Link href={`${letters}?kind=response`}>Print the response letter</Link>
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
