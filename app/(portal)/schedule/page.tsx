import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { ScheduleList } from "@/components/schedule/schedule-list";
import { SCHEDULE_STYLES, scheduleRows } from "@/components/schedule/schedule-rows";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect } from "@/components/ui/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { getSchedule, ScheduleQuerySchema } from "@/lib/appointments/schedule";
import { requireActor } from "@/lib/auth/current-user";
import { dateTimeFormat, orgTimeZone } from "@/lib/time";

export const metadata: Metadata = { title: "Schedule" };

function dayLabel(isoDate: string, style: "short" | "long") {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return dateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: style,
    month: style === "long" ? "long" : "short",
    day: "numeric",
    ...(style === "long" ? { year: "numeric" } : {}),
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

export default async function SchedulePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const query = ScheduleQuerySchema.parse(await searchParams);
  const s = await orNotFound(getSchedule(actor, query));
  const link = (date: string, view = s.view) => {
    const q = new URLSearchParams({ date, view });
    if (s.clinician) q.set("clinician", s.clinician.id);
    return `/schedule?${q}`;
  };
  const title = s.view === "week" ? `Week of ${dayLabel(s.date, "long")}` : dayLabel(s.date, "long");
  const total = s.days.reduce((n, d) => n + d.items.length, 0);
  return (
    <>
      <PageHeader title="Schedule" />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <nav aria-label="Dates" className="flex flex-wrap items-center gap-4">
          <Link href={link(s.previous)}>{s.view === "week" ? "Previous week" : "Previous day"}</Link>
          <Link href={link(s.today)}>Today</Link>
          <Link href={link(s.next)}>{s.view === "week" ? "Next week" : "Next day"}</Link>
          <span aria-hidden="true">|</span>
          {s.view === "week" ? (
            <Link href={link(s.today, "day")}>Day agenda</Link>
          ) : (
            <Link href={link(s.date, "week")}>Week view</Link>
          )}
        </nav>
        <form method="get" className="flex items-end gap-2">
          <input type="hidden" name="date" value={s.date} />
          <input type="hidden" name="view" value={s.view} />
          <FilterSelect
            name="clinician"
            id="clinician"
            label="Whose schedule"
            value={s.clinician?.id}
            allLabel="My caseload"
            options={s.clinicianOptions.map((c) => ({ value: c.id, label: `${c.name} (${c.discipline})` }))}
          />
          <Button type="submit">Show</Button>
        </form>
      </div>
      <h2 className="mb-1">
        {title}
        {s.clinician ? ` · ${s.clinician.name}` : " · your caseload"}
      </h2>
      <p className="mb-4 text-sm text-slate-700">
        {total} {total === 1 ? "appointment" : "appointments"}. Times in {orgTimeZone().replace("_", " ")}{" "}
        time.
      </p>
      {s.view === "week" ? (
        <ol className={`grid gap-3 md:grid-cols-7 ${SCHEDULE_STYLES}`}>
          {s.days.map((d) => (
            <li key={d.date} aria-labelledby={`day-${d.date}`}>
              <h3
                id={`day-${d.date}`}
                className={`mb-2 text-sm font-semibold ${d.date === s.today ? "text-brand-700 underline" : ""}`}
              >
                <Link href={link(d.date, "day")}>{dayLabel(d.date, "short")}</Link>
                {d.date === s.today ? <span className="sr-only"> (today)</span> : null}
              </h3>
              {d.items.length === 0 ? (
                <EmptyState framed={false} className="text-sm text-slate-600">
                  Nothing booked
                </EmptyState>
              ) : (
                <ScheduleList rows={scheduleRows(d.items)} />
              )}
            </li>
          ))}
        </ol>
      ) : s.days[0]!.items.length === 0 ? (
        <EmptyState>Nothing is booked this day.</EmptyState>
      ) : (
        <div className={SCHEDULE_STYLES}>
          <ScheduleList rows={scheduleRows(s.days[0]!.items)} className="max-w-2xl" />
        </div>
      )}
    </>
  );
}
