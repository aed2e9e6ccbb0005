import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterInput } from "@/components/ui/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableHead, Td } from "@/components/ui/table-head";
import { TableScroll } from "@/components/ui/table-scroll";
import { requireActor } from "@/lib/auth/current-user";
import { CaseloadQuerySchema, listCaseload } from "@/lib/patients";
import { ageOn, formatCalendarDate } from "@/lib/time";

export const metadata: Metadata = { title: "Patients" };

const COLUMNS = [
  { key: "name", label: "Name" },
  { key: "mrn", label: "MRN" },
  { key: "dob", label: "Date of birth" },
] as const;

export default async function PatientsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const query = CaseloadQuerySchema.parse(await searchParams);
  const result = await orNotFound(listCaseload(actor, query));
  const direction = query.dir === "asc" ? ("ascending" as const) : ("descending" as const);
  const sortHref = (key: string) => {
    const dir = query.sort === key && query.dir === "asc" ? "desc" : "asc";
    const q = new URLSearchParams({ sort: key, dir });
    if (query.q) q.set("q", query.q);
    return `/patients?${q}`;
  };
  return (
    <>
      <PageHeader title="Patients" />
      <FilterForm action="/patients">
        <FilterInput
          name="q"
          type="search"
          label="Search your caseload"
          hint="Name, MRN (e.g. CB-100001) or date of birth (YYYY-MM-DD or MM/DD/YYYY)"
          value={query.q}
          className="w-80"
        />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <Button type="submit">Search</Button>
        {query.q ? <Link href="/patients">Clear search</Link> : null}
      </FilterForm>
      {result.items.length === 0 ? (
        query.q ? (
          <EmptyState next="Check the spelling, or search by MRN or date of birth.">
            No patient in your caseload matches that search.
          </EmptyState>
        ) : (
          <EmptyState next="An administrator assigns caseloads; for an urgent need use Emergency access.">
            No patients are assigned to you yet.
          </EmptyState>
        )
      ) : (
        <TableScroll label="Your patients">
          <table>
            <caption className="sr-only">
              Your patients, sorted by {query.sort} {direction}
            </caption>
            <TableHead
              columns={[
                ...COLUMNS.map((c) => ({
                  key: c.key,
                  label: <Link href={sortHref(c.key)}>{c.label}</Link>,
                  sort: query.sort === c.key ? direction : undefined,
                })),
                "Language",
                "Your role",
              ]}
            />
            <tbody>
              {result.items.map((p) => (
                <tr key={p.id} className="border-t border-slate-200">
                  <Td>
                    <Link href={`/patients/${p.id}`}>{p.name}</Link>
                  </Td>
                  <Td>{p.mrn}</Td>
                  <Td>
                    {formatCalendarDate(p.dateOfBirth)} (age {ageOn(p.dateOfBirth)})
                  </Td>
                  <Td>{p.preferredLanguage.toUpperCase()}</Td>
                  <Td className="capitalize">{p.myRole}</Td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        basePath="/patients"
        params={{ q: query.q || undefined, sort: query.sort, dir: query.dir }}
      />
    </>
  );
}
