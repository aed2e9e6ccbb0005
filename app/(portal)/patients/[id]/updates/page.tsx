import type { Metadata } from "next";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm, type FieldSpec } from "@/components/action-form";
import { englishBesideField, WritingFor, writtenInField } from "@/components/language/writing-for";
import { PatientHeading } from "@/components/patient-nav";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { Expander } from "@/components/ui/expander";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { formatDateTime } from "@/lib/time";
import { listUpdates, type UpdateItem } from "@/lib/updates";
import { createUpdateAction, editUpdateAction, publishUpdateAction } from "./actions";

export const metadata: Metadata = { title: "Updates" };

function fields(language: string, u?: UpdateItem): FieldSpec[] {
  return [
    { kind: "text", name: "title", label: "Title", required: true, defaultValue: u?.title },
    {
      kind: "textarea",
      name: "progress",
      label: "How things are going",
      required: true,
      maxLength: 5000,
      hint: "In plain words the patient and family will understand.",
      defaultValue: u?.progress,
    },
    {
      kind: "textarea",
      name: "nextSteps",
      label: "Next steps",
      maxLength: 3000,
      defaultValue: u?.nextSteps ?? undefined,
    },
    {
      kind: "textarea",
      name: "resources",
      label: "Resources",
      maxLength: 3000,
      hint: "Services, phone numbers, reading.",
      defaultValue: u?.resources ?? undefined,
    },
    writtenInField(u?.language ?? language),
    { ...englishBesideField("titleEnglish", "Title", u?.titleEnglish), kind: "text" },
    englishBesideField("progressEnglish", "How things are going", u?.progressEnglish),
    englishBesideField("nextStepsEnglish", "Next steps", u?.nextStepsEnglish),
  ];
}

/** The English version beside a Spanish update, as staff wrote it. */
function EnglishBeside({ u }: { u: UpdateItem }) {
  if (!u.titleEnglish && !u.progressEnglish && !u.nextStepsEnglish) return null;
  return (
    <div className="space-y-2 border-l-4 border-slate-200 pl-3" lang="en">
      <h4 className="font-semibold">In English too</h4>
      {u.titleEnglish ? <p className="font-medium">{u.titleEnglish}</p> : null}
      {u.progressEnglish ? <p className="whitespace-pre-wrap">{u.progressEnglish}</p> : null}
      {u.nextStepsEnglish ? <p className="whitespace-pre-wrap">Next steps: {u.nextStepsEnglish}</p> : null}
    </div>
  );
}

function UpdateBody({ u }: { u: UpdateItem }) {
  return (
    <div className="space-y-2" lang={u.language}>
      <p className="whitespace-pre-wrap">{u.progress}</p>
      {u.nextSteps ? (
        <div>
          <h4 className="font-semibold">Next steps</h4>
          <p className="whitespace-pre-wrap">{u.nextSteps}</p>
        </div>
      ) : null}
      {u.resources ? (
        <div>
          <h4 className="font-semibold">Resources</h4>
          <p className="whitespace-pre-wrap">{u.resources}</p>
        </div>
      ) : null}
    </div>
  );
}

export default async function UpdatesPage({ params }: { params: Promise<{ id: string }> }) {
  const data = await readRecordPage((await params).id, listUpdates);
  const need = data.languageNeed;
  const language = need?.defaultLanguage ?? "en";
  return (
    <>
      <PatientHeading patient={data.patient} current="updates" />
      <TwoColumns>
        <section aria-labelledby="updates-heading">
          <SectionHeading id="updates-heading" count={data.updates.length}>
            Updates
          </SectionHeading>
          {data.updates.length === 0 ? (
            <EmptyState next={data.canWrite ? "Write the first one for the patient and family." : null}>
              No updates yet.
            </EmptyState>
          ) : (
            <ul className="space-y-4">
              {data.updates.map((u) => (
                <Card as="li" padding={5} key={u.id}>
                  <h3 className="text-lg font-semibold">{u.title}</h3>
                  <p className="mb-2 text-sm text-slate-700">
                    {u.status === "published"
                      ? `Published ${formatDateTime(u.publishedAt!)}`
                      : "Draft, not yet shared"}{" "}
                    · {u.authorName}
                    {u.correctsTitle ? ` · corrects “${u.correctsTitle}”` : ""}
                  </p>
                  {u.status === "draft" && data.canWrite ? (
                    <div className="space-y-4">
                      {need ? <WritingFor need={need} /> : null}
                      <ActionForm
                        action={editUpdateAction.bind(null, u.id)}
                        hidden={{ version: String(u.version) }}
                        submitLabel="Save draft"
                        fields={fields(language, u)}
                      />
                      <ActionForm
                        action={publishUpdateAction.bind(null, u.id)}
                        hidden={{ version: String(u.version) }}
                        submitLabel="Publish to patient and family"
                        fields={[]}
                        confirm={{
                          title: `Publish “${u.title}”?`,
                          body: "The patient and the family they authorised will see it. After publishing it cannot be edited, only corrected.",
                          confirmLabel: "Publish",
                        }}
                      />
                    </div>
                  ) : (
                    <>
                      <p className="mb-2 text-sm text-slate-700">
                        Written in {u.language === "es" ? "Spanish" : "English"}
                      </p>
                      <UpdateBody u={u} />
                      <EnglishBeside u={u} />
                    </>
                  )}
                  {u.status === "published" && data.canWrite ? (
                    <Expander summary="Write a correction">
                      {need ? <WritingFor need={need} /> : null}
                      <ActionForm
                        action={createUpdateAction.bind(null, data.patient.id, u.id)}
                        submitLabel="Save correction as a draft"
                        fields={fields(language, { ...u, title: `Correction: ${u.title}` })}
                      />
                    </Expander>
                  ) : null}
                </Card>
              ))}
            </ul>
          )}
        </section>
        {data.canWrite ? (
          <CardSection id="new-update-heading" title="Write an update" className="self-start">
            {need ? <WritingFor need={need} /> : null}
            <ActionForm
              action={createUpdateAction.bind(null, data.patient.id, null)}
              submitLabel="Save draft"
              fields={fields(language)}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}
