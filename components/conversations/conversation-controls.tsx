import { ActionForm } from "@/components/action-form";
import type { FormAction } from "@/components/ui/form-state";
import type { ThreadSummary } from "@/lib/messages";

/**
 * A conversation's management for the care team: who answers it (someone with the patient in
 * their caseload), and close (after a confirmation) or reopen. Each form carries the version seen.
 */
export function ConversationControls({
  thread,
  assignees,
  assign,
  close,
  reopen,
}: {
  thread: ThreadSummary & { assignedTo: string | null };
  assignees: { id: string; name: string; role: string }[];
  assign: FormAction;
  close: FormAction;
  reopen: FormAction;
}) {
  const version = { version: String(thread.version) };
  return (
    <div className="my-3 grid gap-4 rounded border border-slate-200 p-3 sm:grid-cols-2">
      {assignees.length === 0 ? (
        <p>Nobody has this patient in their caseload to answer it.</p>
      ) : (
        <ActionForm
          action={assign}
          hidden={version}
          submitLabel="Assign"
          pendingLabel="Assigning…"
          variant="secondary"
          fields={[
            {
              kind: "select",
              name: "assignee",
              label: "Who answers it",
              defaultValue: thread.assignedTo ?? undefined,
              options: [
                ...(thread.assignedTo ? [] : [{ value: "", label: "Choose someone" }]),
                ...assignees.map((a) => ({ value: a.id, label: `${a.name} (${a.role})` })),
              ],
            },
          ]}
        />
      )}
      {thread.status === "open" ? (
        <ActionForm
          action={close}
          hidden={version}
          submitLabel="Close conversation"
          pendingLabel="Closing…"
          variant="secondary"
          fields={[]}
          confirm={{
            title: "Close this conversation?",
            body: "It leaves the list of conversations waiting for an answer. The patient can still read it, and a new message from them opens it again.",
            confirmLabel: "Close it",
          }}
        />
      ) : (
        <ActionForm
          action={reopen}
          hidden={version}
          submitLabel="Reopen conversation"
          pendingLabel="Reopening…"
          variant="secondary"
          fields={[]}
        />
      )}
    </div>
  );
}
