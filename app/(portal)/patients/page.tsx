import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
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
  const sortHref = (key: string) => {
    const dir = query.sort === key && query.dir === "asc" ? "desc" : "asc";
    const q = new URLSearchParams({ sort: key, dir });
    if (query.q) q.set("q", query.q);
    return `/patients?${q}`;
  };
  return (
    <>
      <PageHeader title="Patients" />
      <search className="mb-6">
        <form method="get" action="/patients" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="q" className="block font-medium">
              Search your caseload
            </label>
            <p id="q-hint" className="text-sm text-slate-600">
              Name, MRN (e.g. CB-100001) or date of birth (YYYY-MM-DD or MM/DD/YYYY)
            </p>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={query.q}
              aria-describedby="q-hint"
              className="mt-1 w-80 rounded border border-slate-400 bg-white px-3 py-2"
            />
          </div>
          <input type="hidden" name="sort" value={query.sort} />
          <input type="hidden" name="dir" value={query.dir} />
          <Button type="submit">Search</Button>
          {query.q ? <Link href="/patients">Clear search</Link> : null}
        </form>
      </search>
      {result.items.length === 0 ? (
        <p className="rounded bg-white p-6 shadow-sm">
          {query.q
            ? "No patient in your caseload matches that search. Check the spelling, or search by MRN or date of birth."
            : "No patients are assigned to you yet. An administrator assigns caseloads; for an urgent need use Emergency access."}
        </p>
      ) : (
        <TableScroll label="Your patients">
          <table>
            <caption className="sr-only">
              Your patients, sorted by {query.sort} {query.dir === "asc" ? "ascending" : "descending"}
            </caption>
            <thead className="bg-slate-100">
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    className="px-4 py-2"
                    aria-sort={
                      query.sort === c.key ? (query.dir === "asc" ? "ascending" : "descending") : undefined
                    }
                  >
                    <Link href={sortHref(c.key)}>{c.label}</Link>
                  </th>
                ))}
                <th scope="col" className="px-4 py-2">
                  Language
                </th>
                <th scope="col" className="px-4 py-2">
                  Your role
                </th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((p) => (
                <tr key={p.id} className="border-t border-slate-200">
                  <td className="px-4 py-2">
                    <Link href={`/patients/${p.id}`}>{p.name}</Link>
                  </td>
                  <td className="px-4 py-2">{p.mrn}</td>
                  <td className="px-4 py-2">
                    {formatCalendarDate(p.dateOfBirth)} (age {ageOn(p.dateOfBirth)})
                  </td>
                  <td className="px-4 py-2">{p.preferredLanguage.toUpperCase()}</td>
                  <td className="px-4 py-2 capitalize">{p.myRole}</td>
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
