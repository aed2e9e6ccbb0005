import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-user";
import { NotFoundError } from "@/lib/errors";
import {
  authorizeReports,
  findReportTable,
  getEquityReport,
  periodKey,
  REPORT_TABLE_IDS,
  readReportPeriod,
  tableToCsv,
} from "@/lib/reports";
import { zonedDate } from "@/lib/time";

/** One table of the equity report as CSV: the same periods and the same suppression as the page. */
export async function GET(request: Request): Promise<Response> {
  const actor = await requireActor();
  try {
    await authorizeReports(actor);
  } catch {
    notFound();
  }
  const params = new URL(request.url).searchParams;
  const tableId = REPORT_TABLE_IDS.find((id) => id === params.get("table"));
  if (!tableId) notFound();
  // No period asked for is the page's own default, the latest quarter that has ended.
  const { period, errors } = readReportPeriod(
    { year: params.get("year") ?? undefined, quarter: params.get("quarter") ?? undefined },
    zonedDate(),
  );
  const refused = [...(errors.year ?? []), ...(errors.quarter ?? [])];
  if (refused.length > 0) {
    return new Response(`Choose a period that has ended. ${refused.join(" ")}`, {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  try {
    const report = await getEquityReport(actor, period, { download: tableId });
    const table = findReportTable(report, tableId);
    return new Response(tableToCsv(table, period), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${table.id}_${periodKey(period)}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
