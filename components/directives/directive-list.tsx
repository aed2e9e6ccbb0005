import { ActionForm } from "@/components/action-form";
import { fileSize } from "@/components/conversations/attachment-link";
import { Facts } from "@/components/ui/facts";
import type { FormAction } from "@/components/ui/form-state";
import { OpenedForm, OpenFormLink } from "@/components/ui/opened-form";
import type { DirectiveSummary } from "@/lib/directives/reads";
import { DIRECTIVE_KIND_LABEL, DIRECTIVE_KINDS } from "@/lib/directives/schemas";
import type { ArchivedDirective } from "@/lib/directives/staff-page";
import { formatCalendarDate, formatDateTime } from "@/lib/time";
import type { DirectivesPlace } from "./agent-list";

/** The actions of the directive forms, bound by the page to the patient (and the document). */
export interface DirectiveActions {
  record: FormAction;
  archive: (directiveId: string) => FormAction;
}

const fileHref = (patientId: string, directiveId: string) =>
  `/patients/${patientId}/directives/${directiveId}/file`;

function ScanLink({
  patientId,
  d,
}: {
  patientId: string;
  d: { id: string; fileName: string | null; sizeBytes: number | null };
}) {
  if (!d.fileName || !d.sizeBytes)
    return <span className="text-slate-700">No scan: paper original only.</span>;
  return (
    <a href={fileHref(patientId, d.id)} download>
      Download {d.fileName} ({fileSize(d.sizeBytes)})
    </a>
  );
}

/** Her active advance directives, each with its scan and, for those who may write, archiving. */
export function DirectiveList({
  patientId,
  directives,
  actions,
  place,
}: {
  patientId: string;
  directives: DirectiveSummary[];
  actions: DirectiveActions | null;
  place: DirectivesPlace;
}) {
  return (
    <>
      {directives.length === 0 ? (
        <p className="text-slate-700">No advance directive is recorded.</p>
      ) : (
        <ul className="space-y-4">
          {directives.map((d) => (
            <li key={d.id} className="border-t border-slate-200 pt-3">
              <h3 className="text-base font-semibold">{DIRECTIVE_KIND_LABEL[d.kind]}</h3>
              <Facts
                className="mt-1"
                items={[
                  { label: "Signed on", value: formatCalendarDate(d.signedOn) },
                  { label: "Original", value: d.originalLocation },
                  { label: "Scan", value: <ScanLink patientId={patientId} d={d} /> },
                  { label: "Recorded", value: `${d.recordedBy} · ${formatDateTime(d.recordedAt)}` },
                ]}
              />
              {actions ? (
                <div className="mt-3">
                  <ActionForm
                    action={actions.archive(d.id)}
                    draftKey={`archive-directive-${d.id}`}
                    submitLabel="Archive this document"
                    variant="danger"
                    fields={[]}
                    confirm={{
                      title: `Archive the ${DIRECTIVE_KIND_LABEL[d.kind].toLowerCase()}?`,
                      body: "Archive a document she replaced or revoked. It stays on her record with its scan, listed as archived; it is never deleted.",
                      confirmLabel: "Archive",
                    }}
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {actions && place.add !== "directive" ? (
        <OpenFormLink href={`${place.here}?add=directive#add-directive`} className="mt-4">
          Record a signed document
        </OpenFormLink>
      ) : null}
      {actions && place.add === "directive" ? (
        <OpenedForm
          id="add-directive"
          heading="h3"
          title="Record a signed document"
          closeHref={`${place.here}#directives-heading`}
        >
          <p className="text-sm text-slate-700">
            A document is never edited: when she signs a new one, record it and archive the old.
          </p>
          <ActionForm
            action={actions.record}
            draftKey="directive-new"
            submitLabel="Record the document"
            fields={[
              {
                kind: "select",
                name: "kind",
                label: "Kind of document",
                options: DIRECTIVE_KINDS.map((k) => ({ value: k, label: DIRECTIVE_KIND_LABEL[k] })),
              },
              { kind: "date", name: "signedOn", label: "Date signed", required: true },
              {
                kind: "text",
                name: "originalLocation",
                label: "Where the signed original is",
                hint: "With her at home, with her agent, at her doctor's office…",
                required: true,
              },
              {
                kind: "file",
                name: "file",
                label: "Scan of the signed document",
                hint: "A PDF of 10 MB or less.",
                accept: "application/pdf,.pdf",
              },
            ]}
          />
        </OpenedForm>
      ) : null}
    </>
  );
}

/** Documents archived from her record, kept with their scans. */
export function ArchivedDirectiveList({
  patientId,
  items,
}: {
  patientId: string;
  items: ArchivedDirective[];
}) {
  return (
    <ul className="space-y-2">
      {items.map((d) => (
        <li key={d.id}>
          <span className="font-medium">{DIRECTIVE_KIND_LABEL[d.kind]}</span>, signed{" "}
          {formatCalendarDate(d.signedOn)}; archived by {d.archivedBy}, {formatDateTime(d.archivedAt)}.{" "}
          {d.fileName ? <ScanLink patientId={patientId} d={d} /> : null}
        </li>
      ))}
    </ul>
  );
}
