import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { ROLE_LABEL } from "@/components/app-shell";
import { languageName } from "@/components/language/writing-for";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterSelect } from "@/components/ui/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableHead, Td } from "@/components/ui/table-head";
import { TableScroll } from "@/components/ui/table-scroll";
import { requireActor } from "@/lib/auth/current-user";
import {
  listOutbox,
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  OutboxQuerySchema,
} from "@/lib/notifications/outbox-admin";
import { formatDateTime } from "@/lib/time";
import { retryNotificationAction } from "./actions";
import { CHANNEL_LABEL, KIND_LABEL, STATUS_LABEL, VIA_LABEL } from "./labels";
import { OutboxBanner } from "./outbox-banner";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const raw = await searchParams;
  const query = OutboxQuerySchema.parse(raw);
  const outbox = await orNotFound(listOutbox(actor, query));
  const filters = { status: outbox.status, channel: outbox.channel };
  const hidden = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
  return (
    <>
      <PageHeader title="Outbox" />
      <OutboxBanner emailMode={outbox.emailMode} smsMode={outbox.smsMode} />
      {raw.retried === "1" ? (
        <Alert tone="success">
          <p>Sent again: the notification is waiting to send and will be tried in a moment.</p>
        </Alert>
      ) : null}
      <p className="mb-4">
        Every email and text message, newest first. Notifications in the portal (the bell) are not listed. A
        failed one has used all its tries: read its error, fix the cause, then retry it.
      </p>
      <p className="mb-4">
        {OUTBOX_STATUSES.map((s) => `${STATUS_LABEL[s]}: ${outbox.counts[s]}`).join(" · ")}
      </p>
      <FilterForm>
        <FilterSelect
          name="status"
          label="Status"
          value={outbox.status}
          allLabel="All statuses"
          options={OUTBOX_STATUSES.map((s) => ({
            value: s,
            label: `${STATUS_LABEL[s]} (${outbox.counts[s]})`,
          }))}
        />
        <FilterSelect
          name="channel"
          label="Channel"
          value={outbox.channel}
          allLabel="Email and text messages"
          options={OUTBOX_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))}
        />
        <Button type="submit">Filter</Button>
      </FilterForm>
      {outbox.rows.length === 0 ? (
        <EmptyState
          next={outbox.status || outbox.channel ? "Clear the filters to see the others." : undefined}
        >
          {outbox.status || outbox.channel
            ? "No email or text message matches."
            : "No email or text message has been written yet."}
        </EmptyState>
      ) : (
        <TableScroll label="Emails and text messages">
          <table>
            <TableHead
              density="dense"
              columns={["Written", "About", "Channel", "To", "Language", "Status", "Tries", "Sent", "Error"]}
            />
            <tbody>
              {outbox.rows.map((n) => (
                <tr key={n.id} id={`notification-${n.id}`} className="border-t border-slate-200 align-top">
                  <Td density="dense">
                    {formatDateTime(n.createdAt)}
                    {n.notBefore && n.notBefore > n.createdAt ? (
                      <span className="block text-sm text-slate-700">
                        not before {formatDateTime(n.notBefore)}
                      </span>
                    ) : null}
                  </Td>
                  <Td density="dense">{KIND_LABEL[n.kind]}</Td>
                  <Td density="dense">{CHANNEL_LABEL[n.channel]}</Td>
                  <Td density="dense">
                    {n.recipientName} ({ROLE_LABEL[n.recipientRole]})
                    {n.sentTo ? <span className="block text-sm text-slate-700">at {n.sentTo}</span> : null}
                  </Td>
                  <Td density="dense">{languageName(n.language)}</Td>
                  <Td density="dense">{STATUS_LABEL[n.status]}</Td>
                  <Td density="dense">{n.attempts}</Td>
                  <Td density="dense">
                    {n.sentAt ? formatDateTime(n.sentAt) : "—"}
                    {n.deliveredVia ? (
                      <span className="block text-sm text-slate-700">{VIA_LABEL[n.deliveredVia]}</span>
                    ) : null}
                  </Td>
                  <Td density="dense">
                    {n.lastError ?? "—"}
                    {n.status === "failed" ? (
                      <div className="mt-2">
                        <ActionForm
                          action={retryNotificationAction.bind(null, n.id)}
                          fields={[]}
                          hidden={hidden}
                          submitLabel="Retry"
                          pendingLabel="Retrying…"
                          variant="secondary"
                        />
                      </div>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination
        page={outbox.page}
        pageSize={outbox.pageSize}
        total={outbox.total}
        basePath="/admin/outbox"
        params={filters}
      />
    </>
  );
}
