import Link from "next/link";
import type { WhoDecides } from "@/lib/directives/reads";
import { CODE_STATUS_LABEL } from "@/lib/directives/schemas";

/** A phone number as a link that dials it. */
export function PhoneLink({ phone }: { phone: string }) {
  return <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>;
}

/**
 * "Who decides" at the top of her record for staff: her agent and how to reach them, her
 * code-status wish, and the way to the whole page. Nothing for a reader who may not see it; when
 * nothing is recorded, nothing either, or (`emptyLine`, on the overview) one line saying so.
 */
export function WhoDecidesBanner({
  who,
  patientId,
  emptyLine = false,
}: {
  who: WhoDecides;
  patientId: string;
  emptyLine?: boolean;
}) {
  if (!who.canRead) return null;
  const href = `/patients/${patientId}/directives`;
  if (who.nothingRecorded) {
    return emptyLine ? (
      <p className="mb-4 text-sm text-slate-700">
        Who decides when she cannot: nothing recorded yet.{" "}
        <Link href={href}>Record her agent, documents and wishes</Link>
      </p>
    ) : null;
  }
  const agent = who.agent ?? who.alternates[0] ?? null;
  return (
    <aside
      aria-labelledby="who-decides-banner"
      className="mb-4 rounded border-l-4 border-brand-600 bg-brand-50 px-4 py-3 text-brand-900"
    >
      <h2 id="who-decides-banner" className="text-base font-semibold">
        Who decides when she cannot
      </h2>
      <ul className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
        <li>
          {agent ? (
            <>
              <span className="font-medium">{who.agent ? "Agent" : "Alternate 1 (no agent named)"}:</span>{" "}
              {agent.name} ({agent.relationship})
              {agent.phone ? (
                <>
                  {" · "}
                  <PhoneLink phone={agent.phone} />
                </>
              ) : agent.email ? (
                ` · ${agent.email}`
              ) : null}
            </>
          ) : (
            <span className="font-medium">No agent named.</span>
          )}
        </li>
        <li>
          <span className="font-medium">Code status wish:</span>{" "}
          {who.wishes ? CODE_STATUS_LABEL[who.wishes.codeStatus] : "not recorded"}
        </li>
        {who.directives.length > 0 ? (
          <li>
            {who.directives.length === 1
              ? "1 advance directive"
              : `${who.directives.length} advance directives`}
          </li>
        ) : null}
      </ul>
      <p className="mt-1">
        <Link href={href}>Agent, alternates, documents and her words</Link>
      </p>
    </aside>
  );
}
