import { ActionForm } from "@/components/action-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Facts } from "@/components/ui/facts";
import type { FormAction } from "@/components/ui/form-state";
import type { CareWishesSummary } from "@/lib/directives/reads";
import { CODE_STATUS_LABEL, CODE_STATUS_WISHES } from "@/lib/directives/schemas";
import type { CareWishVersion } from "@/lib/directives/staff-page";
import { formatDateTime } from "@/lib/time";

const LANGUAGE_LABEL = { en: "English", es: "Spanish" } as const;

/** Her code-status wish and her words: the form for those who may write, else what is recorded; then every version. */
export function CareWishesPanel({
  givenName,
  wishes,
  history,
  save,
}: {
  givenName: string;
  wishes: CareWishesSummary | null;
  history: CareWishVersion[];
  save: FormAction | null;
}) {
  return (
    <>
      {save ? (
        <ActionForm
          action={save}
          hidden={{ version: String(wishes?.version ?? 0) }}
          draftKey="care-wishes"
          submitLabel="Save her wishes"
          fields={[
            {
              kind: "select",
              name: "codeStatus",
              label: "If her heart or breathing stops, she wants",
              options: CODE_STATUS_WISHES.map((w) => ({ value: w, label: CODE_STATUS_LABEL[w] })),
              defaultValue: wishes?.codeStatus ?? "undecided",
            },
            {
              kind: "textarea",
              name: "inHerWords",
              label: "In her words",
              hint: `What ${givenName} said, as she said it.`,
              maxLength: 2000,
              defaultValue: wishes?.inHerWords ?? undefined,
            },
            {
              kind: "select",
              name: "language",
              label: "Her words are written in",
              options: [
                { value: "en", label: "English" },
                { value: "es", label: "Spanish" },
              ],
              defaultValue: wishes?.language ?? "en",
            },
          ]}
        />
      ) : wishes ? (
        <Facts
          layout="groups"
          items={[
            { label: "She wants", value: CODE_STATUS_LABEL[wishes.codeStatus] },
            { label: "In her words", value: wishes.inHerWords },
          ]}
        />
      ) : (
        <EmptyState framed={false}>Nothing recorded yet.</EmptyState>
      )}
      <h3 className="mt-6 text-base font-semibold">Every saved version</h3>
      {history.length === 0 ? (
        <EmptyState framed={false}>Nothing recorded yet.</EmptyState>
      ) : (
        <ol className="mt-2 space-y-3">
          {history.map((v) => (
            <li key={v.version}>
              <p className="font-medium">
                Version {v.version}: {v.changedBy} · {formatDateTime(v.changedAt)}
              </p>
              <p>{CODE_STATUS_LABEL[v.codeStatus]}</p>
              {v.inHerWords ? (
                <p className="whitespace-pre-wrap text-sm">
                  “{v.inHerWords}” <span className="text-slate-700">({LANGUAGE_LABEL[v.language]})</span>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
