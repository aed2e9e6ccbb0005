import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { RecentRefusals } from "@/components/admin/recent-refusals";
import { ROLE_LABEL } from "@/components/app-shell";
import { Button, ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
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
      <search className="mb-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="q" className="block font-medium">
              Name or email
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={query.q}
              className="mt-1 rounded border border-slate-400 bg-white px-3 py-2"
            />
          </div>
          <div>
            <label htmlFor="role" className="block font-medium">
              Role
            </label>
            <select
              id="role"
              name="role"
              defaultValue={query.role ?? ""}
              className="mt-1 rounded border border-slate-400 bg-white px-3 py-2"
            >
              <option value="">All roles</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit">Filter</Button>
        </form>
      </search>
      {result.items.length === 0 ? (
        <p className="rounded bg-white p-6 shadow-sm">
          No account matches. Clear the filters or create a user.
        </p>
      ) : (
        <TableScroll label="Accounts">
          <table>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Name
                </th>
                <th scope="col" className="px-4 py-2">
                  Email
                </th>
                <th scope="col" className="px-4 py-2">
                  Role
                </th>
                <th scope="col" className="px-4 py-2">
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((u) => (
                <tr key={u.id} className="border-t border-slate-200">
                  <td className="px-4 py-2">
                    <Link href={`/admin/users/${u.id}`}>{u.name}</Link>
                  </td>
                  <td className="px-4 py-2">{u.email}</td>
                  <td className="px-4 py-2">{ROLE_LABEL[u.role]}</td>
                  <td className="px-4 py-2">{u.active ? "Active" : "Deactivated"}</td>
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
