import { ActionForm } from "@/components/action-form";
import type { WritingForNeed } from "@/components/language/writing-for";
import type { ConcernDetail } from "@/lib/concerns";
import {
  CONCERN_MOVE_LABELS,
  CONCERN_STATUS_LABELS,
  isOpenStatus,
  nextStatuses,
} from "@/lib/concerns/schemas";
import { addDaysIso, zonedDate } from "@/lib/time";
import type { ConcernActions } from "./concern-actions";
import { ConcernPanel } from "./concern-panel";
import { ConcernResolveForm } from "./concern-resolve-form";

interface FormsProps {
  concern: ConcernDetail;
  actions: ConcernActions;
}

/** What the advocate can do with a concern that is not closed: each form its state allows. */
export function ConcernWorkForms({
  concern: c,
  actions,
  advocates,
  languageNeed,
}: FormsProps & { advocates: { id: string; name: string }[]; languageNeed: WritingForNeed }) {
  const moves = nextStatuses(c.status);
  return (
    <aside className="space-y-6">
      <ConcernMoveForms concern={c} actions={actions} />
      {moves.includes("resolved") ? (
        <ConcernResolveForm concern={c} actions={actions} languageNeed={languageNeed} />
      ) : null}
      {isOpenStatus(c.status) ? <ConcernInterimForm concern={c} actions={actions} /> : null}
      {(c.category === "quality-of-care" || c.aboutDischarge) && !c.qioReferredOn ? (
        <ConcernQioForm concern={c} actions={actions} />
      ) : null}
      <ConcernAssignmentForms concern={c} actions={actions} advocates={advocates} />
    </aside>
  );
}

const versionOf = (c: ConcernDetail) => ({ version: String(c.version) });

/** A button for each move the workflow allows next, except resolving (that needs the response). */
function ConcernMoveForms({ concern: c, actions }: FormsProps) {
  const moves = nextStatuses(c.status).filter((to) => to !== "resolved");
  if (moves.length === 0) return null;
  return (
    <ConcernPanel title="Move it on">
      <div className="space-y-4">
        {moves.map((to) => (
          <ActionForm
            key={to}
            action={actions.transition.bind(null, c.id, to)}
            hidden={versionOf(c)}
            submitLabel={CONCERN_MOVE_LABELS[to] ?? CONCERN_STATUS_LABELS[to]}
            variant={to === "closed" ? "danger" : "primary"}
            fields={[
              { kind: "text", name: "note", label: `Note (${CONCERN_STATUS_LABELS[to].toLowerCase()})` },
            ]}
            confirm={
              to === "closed"
                ? {
                    title: "Close this concern?",
                    body: "A closed concern can no longer change. It stays in the record.",
                    confirmLabel: "Close concern",
                  }
                : undefined
            }
          />
        ))}
      </div>
    </ConcernPanel>
  );
}

/** The interim notice: still being worked on, and when the patient will hear back. */
function ConcernInterimForm({ concern: c, actions }: FormsProps) {
  return (
    <ConcernPanel title="Send an interim notice">
      <p className="mb-3 text-sm">
        When a grievance is not resolved within its time, the patient gets a written notice that it is still
        being worked on and when they will hear back.
      </p>
      <ActionForm
        action={actions.interimNotice.bind(null, c.id)}
        hidden={versionOf(c)}
        submitLabel="Record interim notice"
        fields={[
          {
            kind: "date",
            name: "expectedBy",
            label: "The patient will hear back by",
            required: true,
            defaultValue: addDaysIso(zonedDate(), 14),
          },
          { kind: "textarea", name: "message", label: "What is being done", required: true, maxLength: 2000 },
        ]}
      />
    </ConcernPanel>
  );
}

/** The referral to the Quality Improvement Organization, for quality-of-care and discharge concerns. */
function ConcernQioForm({ concern: c, actions }: FormsProps) {
  return (
    <ConcernPanel title="Refer to the Quality Improvement Organization">
      <ActionForm
        action={actions.qioReferral.bind(null, c.id)}
        hidden={versionOf(c)}
        submitLabel="Record referral"
        fields={[
          {
            kind: "date",
            name: "referredOn",
            label: "Referred on",
            required: true,
            defaultValue: zonedDate(),
          },
        ]}
      />
    </ConcernPanel>
  );
}

/** Who works the concern, and whether coordinators may see it. */
function ConcernAssignmentForms({
  concern: c,
  actions,
  advocates,
}: FormsProps & { advocates: { id: string; name: string }[] }) {
  return (
    <ConcernPanel title="Assignment and confidentiality">
      <div className="space-y-4">
        <ActionForm
          action={actions.assign.bind(null, c.id)}
          hidden={versionOf(c)}
          submitLabel="Assign"
          variant="secondary"
          fields={[
            {
              kind: "select",
              name: "advocateId",
              label: "Assigned advocate",
              options: advocates.map((a) => ({ value: a.id, label: a.name })),
              defaultValue: c.assignedAdvocateId ?? undefined,
            },
          ]}
        />
        <ActionForm
          action={actions.confidential.bind(null, c.id)}
          hidden={versionOf(c)}
          submitLabel="Save confidentiality"
          variant="secondary"
          fields={[
            {
              kind: "checkbox",
              name: "confidential",
              label: "Confidential: coordinators do not see this concern",
              defaultChecked: c.confidential,
            },
          ]}
        />
      </div>
    </ConcernPanel>
  );
}
