"use client";

import Link from "next/link";

/**
 * One concern of the worklist as the page sends it, already in words: a tuple, not an object, and
 * no element tree, since the RSC payload would otherwise repeat every row beside its HTML (issue 19).
 */
export type ConcernWorklistRow = [
  id: string,
  patientId: string,
  patient: string,
  category: string,
  confidential: boolean,
  whatHappened: string,
  severity: string,
  status: string,
  advocate: string,
  received: string,
  /** "Acknowledge by …" or "Resolve by …"; null once resolved. */
  due: string | null,
  overdue: boolean,
  interimNoticeDue: boolean,
];

/**
 * How the worklist looks, said once on the table rather than on its hundreds of cells: padded cells,
 * the what-happened line cut to one line, and the due cell's marks on lines of their own.
 */
const STYLES = [
  "[&_th]:px-4 [&_th]:py-2 [&_td]:px-4 [&_td]:py-2 [&_td_strong]:block [&_td_strong]:text-red-800",
  "[&_td>p]:max-w-sm [&_td>p]:truncate [&_td>p]:text-sm [&_td>p]:text-slate-700",
].join(" ");

const COLUMNS = ["Due", "Patient", "Concern", "Severity", "Status", "Advocate", "Received"];

/**
 * The team's concerns, soonest due first, overdue rows marked. A client component for its props,
 * not for interaction: the rows reach the browser as compact data.
 */
export function ConcernWorklistRows({ rows }: { rows: ConcernWorklistRow[] }) {
  return (
    <table className={STYLES}>
      <thead className="bg-slate-100">
        <tr>
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(
          ([
            id,
            patientId,
            patient,
            category,
            confidential,
            what,
            severity,
            status,
            advocate,
            received,
            due,
            overdue,
            interim,
          ]) => (
            <tr key={id} className={overdue ? "bg-red-50" : undefined}>
              <td>
                {due ?? <span className="text-slate-700">Done</span>}
                {overdue ? <strong>Overdue</strong> : null}
                {interim ? <strong className="text-amber-900!">Interim notice due</strong> : null}
              </td>
              <td>{patient}</td>
              <td>
                <Link href={`/patients/${patientId}/concerns/${id}`}>{category}</Link>
                {confidential ? <b className="ml-2 text-sm">Confidential</b> : null}
                <p>{what}</p>
              </td>
              <td>{severity}</td>
              <td>{status}</td>
              <td>{advocate}</td>
              <td>{received}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
