import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { portalFormWords } from "@/components/portal/form-words";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { rightsClocks } from "@/lib/clocks";
import { portalFormat } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { resolveViewing, viewingQuery } from "@/lib/portal/viewing";
import {
  type CorrectionSubject,
  correctionSubjectTitle,
  listPortalRightsRequests,
  RIGHTS_REQUEST_TYPES,
} from "@/lib/rights-requests";
import type { ReaderVersion } from "@/lib/written-language";
import { fileRightsAction } from "../actions";

/** The tab's title in the reader's language, like every word on the page. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await portalMessages(await requireActor());
  return { title: t.rights.title };
}

/**
 * A reason staff wrote into a letter, in the reader's version: marked with its language, and with
 * a note in the reader's language when it is only in the other one.
 */
function LetterReason({ reason, t }: { reason: ReaderVersion<string>; t: Messages }) {
  const note = reason.otherLanguage ? t.timeline.writtenIn(reason.language) : null;
  return (
    <>
      {note ? <p className="mt-1 text-sm text-slate-700">{note}</p> : null}
      <p className="mt-1 whitespace-pre-wrap break-words" lang={reason.language}>
        {reason.value}
      </p>
    </>
  );
}

const CORRECT =
  /^(appointment|update|message):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The patient's rights, each explained with the time the law gives us; their requests and answers. */
export default async function MyRightsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const query = await searchParams;
  const viewing = await orNotFound(resolveViewing(actor, query.patient));
  if (viewing.kind === "choose") notFound();
  const data = await orNotFound(listPortalRightsRequests(actor, viewing.patientId, locale));
  const canFile = data.canFile;
  const correct = typeof query.correct === "string" ? CORRECT.exec(query.correct) : null;
  const subjectTitle =
    canFile && correct
      ? await orNotFound(
          correctionSubjectTitle(actor, viewing.patientId, correct[1] as CorrectionSubject, correct[2]!),
        )
      : null;
  const clocks = rightsClocks();
  const keep = viewingQuery(viewing);
  return (
    <>
      <p className="mb-4">
        <Link href={keep ? `/me?${keep}` : "/me"}>{t.concern.back}</Link>
      </p>
      {viewing.kind === "family" ? (
        <>
          <h1 className="mb-2">{t.about.requests(viewing.grant.givenName)}</h1>
          <p className="mb-2">{t.about.whose(`${viewing.grant.givenName} ${viewing.grant.familyName}`)}</p>
          <p className="mb-6 max-w-prose">{t.about.requestsIntro(viewing.grant.givenName)}</p>
        </>
      ) : (
        <>
          <h1 className="mb-2">{t.rights.title}</h1>
          <p className="mb-6 max-w-prose">{t.rights.intro}</p>
        </>
      )}
      <TwoColumns side="26rem">
        <section aria-labelledby="mine-heading" className="min-w-0">
          <SectionHeading id="mine-heading">
            {viewing.kind === "family" ? t.about.requests(viewing.grant.givenName) : t.rights.mine}
          </SectionHeading>
          {data.requests.length === 0 ? (
            <EmptyState>
              {viewing.kind === "family" ? t.about.noRequests(viewing.grant.givenName) : t.rights.none}
            </EmptyState>
          ) : (
            <ul className="space-y-3">
              {data.requests.map((r) => (
                <Card as="li" padding={4} key={r.id} id={`request-${r.id}`}>
                  <h3 className="font-semibold">{t.rights.types[r.type]?.name ?? r.type}</h3>
                  <p className="text-sm text-slate-700">{t.rights.received(f.date(r.receivedOn))}</p>
                  {r.subject ? (
                    <p className="mt-1 font-medium break-words">
                      {t.rights.aboutItem(
                        r.subject.title !== null && r.subject.at
                          ? t.rights.itemOn(t.kinds[r.subject.kind], r.subject.title, f.day(r.subject.at))
                          : t.rights.someItem,
                      )}
                    </p>
                  ) : null}
                  <p className="mt-1 whitespace-pre-wrap break-words">{r.details}</p>
                  {r.alternateEmail ? (
                    <p className="mt-1 break-words">{t.rights.alternateEmailShown(r.alternateEmail)}</p>
                  ) : null}
                  {r.alternatePhone ? (
                    <p className="mt-1">{t.rights.alternatePhoneShown(r.alternatePhone)}</p>
                  ) : null}
                  {r.responseSentOn === null ? (
                    <p className="mt-2 font-medium">{t.rights.dueBy(f.date(r.effectiveDueOn))}</p>
                  ) : null}
                  {r.extendedDueOn && r.extensionReason ? (
                    <div className="mt-1">
                      <p>{t.rights.extended(f.date(r.extendedDueOn))}</p>
                      <LetterReason reason={r.extensionReason} t={t} />
                    </div>
                  ) : null}
                  {r.decision && r.decidedOn ? (
                    <p className="mt-1 font-medium">
                      {t.rights.decidedOn(t.rights.decision[r.decision] ?? r.decision, f.date(r.decidedOn))}
                    </p>
                  ) : (
                    <p className="mt-1">{t.rights.waiting}</p>
                  )}
                  {r.decisionReason ? <LetterReason reason={r.decisionReason} t={t} /> : null}
                  {r.responseSentOn ? (
                    <p className="mt-1 text-sm">{t.rights.answeredOn(f.date(r.responseSentOn))}</p>
                  ) : null}
                </Card>
              ))}
            </ul>
          )}
        </section>
        {canFile ? (
          <CardSection id="file-heading" title={t.rights.type} headingClassName="mb-3" className="self-start">
            <dl className="mb-4 space-y-2 text-sm">
              {RIGHTS_REQUEST_TYPES.map((type) => (
                <div key={type}>
                  <dt className="font-semibold">{t.rights.types[type]!.name}</dt>
                  <dd>
                    {t.rights.types[type]!.explain}{" "}
                    {clocks[type].extensionDays === null
                      ? t.rights.answerByTarget(clocks[type].days)
                      : t.rights.answerWithin(clocks[type].days)}
                  </dd>
                </div>
              ))}
            </dl>
            {subjectTitle ? <p className="mb-3 font-medium">{t.rights.correctionFor(subjectTitle)}</p> : null}
            <ActionForm
              action={fileRightsAction.bind(null, viewing.patientId)}
              submitLabel={t.rights.submit}
              {...portalFormWords(t)}
              hidden={correct ? { subject: `${correct[1]}:${correct[2]}` } : undefined}
              fields={[
                {
                  kind: "select",
                  name: "type",
                  label: t.rights.type,
                  defaultValue: correct ? "amendment" : undefined,
                  options: RIGHTS_REQUEST_TYPES.map((type) => ({
                    value: type,
                    label: t.rights.types[type]!.name,
                  })),
                },
                {
                  kind: "textarea",
                  name: "details",
                  label: t.rights.details,
                  hint: t.rights.detailsHintConfidential,
                  required: true,
                  maxLength: 3000,
                },
                { kind: "text", name: "requestedForm", label: t.rights.form },
                { kind: "checkbox", name: "healthPlanSelfPay", label: t.rights.selfPay },
                {
                  kind: "email",
                  name: "alternateEmail",
                  label: t.rights.alternateEmail,
                  hint: t.rights.alternateEmailHint,
                  autoComplete: "email",
                },
                {
                  kind: "text",
                  name: "alternatePhone",
                  label: t.rights.alternatePhone,
                  hint: t.rights.alternatePhoneHint,
                  autoComplete: "tel",
                },
              ]}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}
