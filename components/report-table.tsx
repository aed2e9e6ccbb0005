import { Card } from "@/components/ui/card";
import { REPORT_KIND_WORDS, type ReportColumn } from "@/lib/reports/columns";
import { periodParams, type ReportPeriod } from "@/lib/reports/periods";
import type { ReportTable } from "@/lib/reports/schemas";
import { TableScroll } from "./ui/table-scroll";

const percent = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);
const days = (value: number | null) => (value === null ? "–" : value.toFixed(1));
const shown = (c: ReportColumn, value: number | null) =>
  c.format === "share" ? percent(value) : c.format === "days" ? days(value) : value;

/** Bars for the number in each group, readable at a glance; the table beside it carries the figures. */
function Bars({ table }: { table: ReportTable }) {
  const max = Math.max(1, ...table.rows.map((r) => r.items));
  return (
    <div aria-hidden="true" className="space-y-1">
      {table.rows.map((r) => (
        <div key={r.key} className="grid grid-cols-[13rem_1fr] items-center gap-2 text-sm">
          <span className="truncate text-right" title={r.label}>
            {r.label}
          </span>
          {r.suppressed ? (
            <span className="text-slate-600 italic">suppressed</span>
          ) : (
            <span className="flex items-center gap-2">
              {/* SVG geometry, not a style attribute: the content security policy allows no inline styles. */}
              <svg className="h-4 flex-1" viewBox="0 0 100 16" preserveAspectRatio="none" role="presentation">
                <rect width={Math.max(0.5, (r.items / max) * 100)} height="16" className="fill-brand-600" />
              </svg>
              <span className="w-10 tabular-nums">{r.items}</span>
            </span>
          )}
        </div>
      ))}
    </div>
  );
}

/** One table of the equity report, with its chart and its CSV download. */
export function ReportTableSection({ table, period }: { table: ReportTable; period: ReportPeriod }) {
  const words = REPORT_KIND_WORDS[table.kind];
  const columns = words.columns.filter((c) => !c.csvOnly);
  const csv = `/reports/csv?${new URLSearchParams({ table: table.id, ...periodParams(period) })}`;
  const pad = (i: number) => (i < columns.length - 1 ? "py-1 pr-3" : "py-1");
  return (
    <Card
      as="section"
      padding={5}
      aria-labelledby={`${table.id}-heading`}
      aria-describedby={words.caption ? `${table.id}-caption` : undefined}
    >
      <h3 id={`${table.id}-heading`} className="mb-3 text-lg font-semibold">
        {table.title}
      </h3>
      {words.caption ? (
        <p id={`${table.id}-caption`} className="mb-3 max-w-prose text-sm text-slate-700">
          {words.caption}
        </p>
      ) : null}
      {table.withheld ? (
        <p>{words.withheld}</p>
      ) : table.rows.length === 0 ? (
        <p>{words.empty}</p>
      ) : (
        <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <Bars table={table} />
          <TableScroll label={table.title}>
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-1 pr-3">
                    {table.dimensionLabel}
                  </th>
                  {columns.map((c, i) => (
                    <th key={c.header} scope="col" className={`${pad(i)} text-right`}>
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr key={r.key} className="border-b border-slate-100">
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {r.label}
                    </th>
                    {r.suppressed ? (
                      <td colSpan={columns.length} className="py-1 text-slate-700 italic">
                        Suppressed
                      </td>
                    ) : (
                      columns.map((c, i) => (
                        <td key={c.header} className={`${pad(i)} text-right tabular-nums`}>
                          {shown(c, c.value(r))}
                        </td>
                      ))
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      )}
      <p className="mt-3 print:hidden">
        <a href={csv} download>
          Download “{table.title}” as CSV
        </a>
      </p>
    </Card>
  );
}

export { days as formatMedianDays, percent as formatShare };
