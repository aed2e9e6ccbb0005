import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { orNotFound } from "@/app/_lib/guards";
import { EmptyState } from "@/components/ui/empty-state";
import { TableHead, Td } from "@/components/ui/table-head";
import { TableScroll } from "@/components/ui/table-scroll";
import { requireActor } from "@/lib/auth/current-user";
import { portalFormat } from "@/lib/i18n/format";
import { MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { getRecordAccessLog } from "@/lib/portal/access-log";

export const metadata: Metadata = { title: MESSAGES.en.accessLog.title };

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

/** The staff who opened the patient's record, from the audit trail; emergency access marked. */
export default async function AccessLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  if (!actor.patientId) notFound();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const page = Page.parse((await searchParams).page ?? 1);
  const log = await orNotFound(getRecordAccessLog(actor, actor.patientId, page));
  return (
    <>
      <p className="mb-4">
        <Link href="/me">{t.concern.back}</Link>
      </p>
      <h1 className="mb-2">{t.accessLog.title}</h1>
      <p className="mb-6 max-w-prose">{t.accessLog.intro}</p>
      {log.rows.length === 0 ? (
        <EmptyState>{t.accessLog.none}</EmptyState>
      ) : (
        <TableScroll label={t.accessLog.title}>
          <table className="w-full text-left">
            <TableHead columns={[t.accessLog.who, t.accessLog.role, t.accessLog.when]} />
            <tbody>
              {log.rows.map((r) => (
                <tr
                  key={`${r.name}-${r.day}-${r.first.toISOString()}`}
                  className="border-b border-slate-100 align-top"
                >
                  <th scope="row" className="px-4 py-2 font-normal">
                    {r.name}
                    {r.emergency ? (
                      <strong className="mt-1 block text-red-800">
                        {t.accessLog.emergency}
                        <span className="block text-sm font-normal">{t.accessLog.emergencyNote}</span>
                      </strong>
                    ) : null}
                  </th>
                  <Td>{t.accessLog.roles[r.role] ?? r.role}</Td>
                  <Td>
                    {f.date(r.day)}, {f.time(r.first)}
                    {r.times > 1 ? `–${f.time(r.last)}` : ""} ({t.accessLog.times(r.times)})
                  </Td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {log.hasMore ? (
        <p className="mt-4">
          <Link href={`/me/access-log?page=${page + 1}`}>{t.accessLog.more}</Link>
        </p>
      ) : null}
    </>
  );
}
