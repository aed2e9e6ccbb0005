import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-user";
import { NotFoundError } from "@/lib/errors";
import {
  authorizeReports,
  getEquityReport,
  REPORT_TABLE_IDS,
  reportPeriodSchema,
  tableToCsv,
} from "@/lib/reports";
import { zonedDate } from "@/lib/time";

/** One table of the equity report as CSV, with the same suppression as the page. */
export async function GET(request: Request): Promise<Response> {
  const actor = await requireActor();
  try {
    authorizeReports(actor);
  } catch {
    notFound();
  }
  const params = new URL(request.url).searchParams;
  const period = reportPeriodSchema(zonedDate()).safeParse({
    from: params.get("from"),
    to: params.get("to"),
  });
  const tableId = REPORT_TABLE_IDS.find((id) => id === params.get("table"));
  if (!tableId) notFound();
  if (!period.success) return new Response("Choose a valid period.", { status: 400 });
  try {
    const report = await getEquityReport(actor, period.data, { download: tableId });
    const table = [...report.concerns, ...report.rights].find((t) => t.id === tableId)!;
    return new Response(tableToCsv(table, period.data), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${table.id}_${period.data.from}_${period.data.to}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
