import { ConcernDue } from "@/components/concern";
import { CardSection } from "@/components/ui/card-section";
import { Facts } from "@/components/ui/facts";
import type { ConcernDetail } from "@/lib/concerns";
import {
  CONCERN_CATEGORY_LABELS,
  CONCERN_RAISER_LABELS,
  CONCERN_SEVERITY_LABELS,
  CONCERN_STATUS_LABELS,
} from "@/lib/concerns/schemas";
import { formatCalendarDate, formatDateTime } from "@/lib/time";

/** What the concern is, who raised it, when it falls due and what the patient wants. */
export function ConcernOverview({ concern: c }: { concern: ConcernDetail }) {
  return (
    <CardSection
      id="concern-heading"
      padding={5}
      headingClassName=""
      title={
        <>
          {CONCERN_CATEGORY_LABELS[c.category]}: {CONCERN_STATUS_LABELS[c.status]}
          {c.confidential ? (
            <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">Confidential</span>
          ) : null}
        </>
      }
    >
      <Facts
        className="mt-3"
        items={[
          {
            label: "Raised by",
            value: `${CONCERN_RAISER_LABELS[c.raisedBy]}${c.raisedByName ? `: ${c.raisedByName}` : ""}`,
          },
          { label: "Received", value: formatDateTime(c.receivedAt) },
          { label: "Date of the event", value: c.eventDate ? formatCalendarDate(c.eventDate) : "Not given" },
          { label: "Severity", value: CONCERN_SEVERITY_LABELS[c.severity] },
          { label: "Advocate", value: c.assignedAdvocateName ?? "Not assigned" },
          { label: "Next due", value: <ConcernDue concern={c} /> },
          {
            label: "Quality Improvement Organization",
            value: c.qioReferredOn ? `Referred ${formatCalendarDate(c.qioReferredOn)}` : null,
          },
        ]}
      />
      <h3 className="mt-4 font-semibold">What happened</h3>
      <p className="whitespace-pre-wrap">{c.whatHappened}</p>
      <h3 className="mt-3 font-semibold">What the patient wants</h3>
      <p className="whitespace-pre-wrap">{c.desiredOutcome}</p>
    </CardSection>
  );
}
