import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { QUARTER_OPTIONS } from "@/lib/reports/periods";

/**
 * Chooses the equity report's period: a year and one of its quarters, or the whole year. A plain
 * GET form, so the period is in the address and works without script; errors sit under their field.
 */
export function ReportPeriodForm({
  years,
  values,
  errors,
}: {
  years: number[];
  /** What was asked for, kept when it was refused. */
  values: { year: string; quarter: string };
  errors: { year?: string[]; quarter?: string[] };
}) {
  return (
    <search className="mb-6 print:hidden">
      <form method="get" action="/reports" className="flex flex-wrap items-end gap-x-3">
        <div className="w-32">
          <SelectField
            id="report-year"
            name="year"
            label="Year"
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
            defaultValue={values.year}
            error={errors.year}
          />
        </div>
        <div className="w-72">
          <SelectField
            id="report-quarter"
            name="quarter"
            label="Quarter"
            options={QUARTER_OPTIONS}
            defaultValue={values.quarter}
            error={errors.quarter}
          />
        </div>
        <Button type="submit" className="mb-4">
          Show
        </Button>
        <Link href="/reports" className="mb-6">
          Latest quarter
        </Link>
      </form>
    </search>
  );
}
