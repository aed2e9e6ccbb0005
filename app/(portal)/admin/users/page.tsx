import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { RecentRefusals } from "@/components/admin/recent-refusals";
import { ROLE_LABEL } from "@/components/app-shell";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableHead, Td } from "@/components/ui/table-head";
import { TableScroll } from "@/components/ui/table-scroll";
import { listRecentRefusals, REFUSAL_WINDOW_DAYS } from "@/lib/audit";
import { requireActor } from "@/lib/auth/current-user";
import { listUsers, ROLES, UserListQuerySchema } from "@/lib/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const query = UserListQuerySchema.parse(await searchParams);
  const [result, refusals] = await orNotFound(
    Promise.all([listUsers(actor, query), listRecentRefusals(actor)]),
  );
  return (
    <>
      <PageHeader title="Users">
        <ButtonLink href="/admin/users/new">Create a user</ButtonLink>
      </PageHeader>
      <RecentRefusals rows={refusals} days={REFUSAL_WINDOW_DAYS} />
      <FilterForm>
        <FilterInput name="q" type="search" label="Name or email" value={query.q} />
        <FilterSelect
          name="role"
          id="role"
          label="Role"
          value={query.role}
          allLabel="All roles"
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
        />
        <Button type="submit">Filter</Button>
      </FilterForm>
      {result.items.length === 0 ? (
        <EmptyState next="Clear the filters or create a user.">No account matches.</EmptyState>
      ) : (
        <TableScroll label="Accounts">
          <table>
            <TableHead columns={["Name", "Email", "Role", "Status"]} />
            <tbody>
              {result.items.map((u) => (
                <tr key={u.id} className="border-t border-slate-200">
                  <Td>
                    <Link href={`/admin/users/${u.id}`}>{u.name}</Link>
                  </Td>
                  <Td>{u.email}</Td>
                  <Td>{ROLE_LABEL[u.role]}</Td>
                  <Td>{u.active ? "Active" : "Deactivated"}</Td>
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
        basePath="/admin/users"
        params={{ q: query.q || undefined, role: query.role }}
      />
    </>
  );
}
