import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterInput } from "@/components/ui/filter-select";
import { TableHead, Td } from "@/components/ui/table-head";
import { TableScroll } from "@/components/ui/table-scroll";
import type { PatientSearch, PatientSearchResult } from "@/lib/patients";
import { formatCalendarDate } from "@/lib/time";

/** The box for finding any patient by name or MRN: a GET form, so a search can be bookmarked and reloaded. */
export function PatientSearchForm({
  action,
  query,
  label = "Find a patient",
}: {
  action: string;
  query: string;
  label?: string;
}) {
  return (
    <FilterForm action={action} className="mb-4">
      <FilterInput
        name="q"
        id="patient-search"
        type="search"
        label={label}
        value={query}
        hint="At least 2 letters of the family name (add the given name to narrow it), or the full MRN, e.g. CB-100001."
      />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </FilterForm>
  );
}

/**
 * What a search across the organisation found: name, MRN, date of birth and the caseload flag, and
 * one action per row chosen by the page. A result is not access; the action says what happens next.
 */
export function PatientSearchResults({
  search,
  caseloadLabel,
  action,
  empty,
}: {
  search: PatientSearch;
  /** The caseload column's heading: "In your caseload", or whose. */
  caseloadLabel: string;
  action: (patient: PatientSearchResult) => ReactNode;
  /** What to do when nothing matched. */
  empty: ReactNode;
}) {
  if (search.searched === "none") return null;
  if (search.searched === "tooShort") return <Alert tone="error">{search.message}</Alert>;
  if (search.results.length === 0) {
    return (
      <EmptyState framed={false} className="mb-4" next={empty}>
        {search.searched === "mrn" ? "No patient has that MRN." : "No patient matches that name."}
      </EmptyState>
    );
  }
  return (
    <div className="mb-6">
      <p className="mb-2" role="status">
        {search.results.length} {search.results.length === 1 ? "patient" : "patients"} found
        {search.more ? ` (first ${search.limit})` : ""}.
      </p>
      {search.more && search.message ? <Alert tone="info">{search.message}</Alert> : null}
      <TableScroll label="Patients found">
        <table className="w-full">
          <TableHead
            density="dense"
            columns={[
              "Patient",
              "MRN",
              "Date of birth",
              caseloadLabel,
              { key: "action", label: <span className="sr-only">Action</span> },
            ]}
          />
          <tbody>
            {search.results.map((p) => (
              <tr key={p.id} className="border-t border-slate-200">
                <Td density="dense">{p.name}</Td>
                <Td density="dense">{p.mrn}</Td>
                <Td density="dense">{formatCalendarDate(p.dateOfBirth)}</Td>
                <Td density="dense">{p.inCaseload ? "Yes" : "No"}</Td>
                <Td density="dense">{action(p)}</Td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
