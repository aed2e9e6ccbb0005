"use client";

import { Fragment } from "react";

/**
 * A report table's row as the page sends it: the group, its figures already in words (null when the
 * group is suppressed) and the count its bar shows. A tuple, not an object: a report sends hundreds.
 */
export type ReportGridRow = [label: string, figures: (string | number)[] | null, items: number];

/** One table of a kind: its id, title, what it groups by, its rows, and what it says instead of them. */
export type ReportGridTable = [
  id: string,
  title: string,
  dimension: string,
  rows: ReportGridRow[],
  /** Said instead of the table when no group can be shown or there is nothing to count. */
  message: string | null,
];

export interface ReportKindTablesProps {
  /** The columns' headers, the same for the kind's five tables. */
  headers: string[];
  /** The id of what the tables count, said once for their kind; none for concerns and requests. */
  describedBy?: string;
  /** The period as the CSV download's query (`year=2026&quarter=3`). */
  period: string;
  /** Said once for the kind when none of its tables has anything to show; their downloads stay. */
  empty: string | null;
  tables: ReportGridTable[];
}

const csvHref = (id: string, period: string) => `/reports/csv?table=${id}&${period}`;

/**
 * One kind's tables of the equity report (by category, language, race, ethnicity, age), each with
 * its rows' bars and its CSV download. A client component for its props, not for interaction: the
 * figures reach the browser as compact data rather than as an element tree that the RSC payload
 * would repeat beside the HTML, and what the five tables share is sent once (issue 19). Styled once
 * for the page by REPORT_TABLE_STYLES.
 */
export function ReportKindTables({ headers, describedBy, period, empty, tables }: ReportKindTablesProps) {
  if (empty)
    return (
      <section>
        <p>{empty}</p>
        <p className="mt-3 print:hidden">
          {"Download as CSV: "}
          {tables.map(([id, title], i) => (
            <Fragment key={id}>
              {i > 0 ? ", " : null}
              <a href={csvHref(id, period)} download>
                {title}
              </a>
            </Fragment>
          ))}
          .
        </p>
      </section>
    );
  return tables.map(([id, title, dimension, rows, message]) => (
    <ReportTableView
      key={id}
      id={id}
      title={title}
      describedBy={describedBy}
      dimension={dimension}
      headers={headers}
      rows={rows}
      message={message}
      csv={csvHref(id, period)}
    />
  ));
}

/**
 * One table, focusable so a keyboard can scroll a wide table sideways (WCAG 2.1.1). The bar is
 * hidden from assistive technology: its figure is in the row's own cell, so the table is the
 * chart's accessible form and nothing is said twice. A meter, not a styled box: the content
 * security policy allows no inline styles.
 */
function ReportTableView({
  id,
  title,
  describedBy,
  dimension,
  headers,
  rows,
  message,
  csv,
}: {
  id: string;
  title: string;
  describedBy?: string;
  dimension: string;
  headers: string[];
  rows: ReportGridRow[];
  message: string | null;
  csv: string;
}) {
  const max = Math.max(1, ...rows.map(([, figures, items]) => (figures ? items : 0)));
  return (
    <section
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      aria-labelledby={`${id}-heading`}
      aria-describedby={describedBy}
    >
      <h3 id={`${id}-heading`}>{title}</h3>
      {message ? (
        <p>{message}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{dimension}</th>
              {headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
              <td aria-hidden="true" />
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, figures, items]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {figures ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed; their place is their key
                  figures.map((f, i) => <td key={i}>{f}</td>)
                ) : (
                  <td colSpan={headers.length} className="text-left! text-slate-700 italic">
                    Suppressed
                  </td>
                )}
                <td aria-hidden="true">{figures ? <meter value={items} max={max} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-3 print:hidden">
        <a href={csv} download>
          {`Download “${title}” as CSV`}
        </a>
      </p>
    </section>
  );
}
