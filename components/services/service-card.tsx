import Link from "next/link";
import type { ReactNode } from "react";
import { ActionForm } from "@/components/action-form";
import { ServiceDetails } from "@/components/services/service-details";
import { serviceFields } from "@/components/services/service-fields";
import { Card } from "@/components/ui/card";
import type { FormAction } from "@/components/ui/form-state";
import type { Service } from "@/lib/services";

/**
 * One service of the directory. For those who keep it, an "Edit" link opens its forms in place
 * (`?edit=<id>`): a long directory sends one link per service, not a form (issue 19).
 */
export function ServiceCard({
  service,
  editHref,
  children,
}: {
  service: Service;
  /** Where its forms open, for a reader who may manage the directory; else null. */
  editHref: string | null;
  /** Its edit, retire and bring-back forms, when they were asked for. */
  children?: ReactNode;
}) {
  return (
    <Card as="li" id={`service-${service.id}`} padding={5}>
      <h3 className="font-semibold">{service.name}</h3>
      <ServiceDetails service={service} />
      {children ??
        (editHref ? (
          <p className="mt-3">
            <Link href={editHref} prefetch={false}>
              Edit<span className="sr-only"> “{service.name}”</span>
            </Link>
          </p>
        ) : null)}
    </Card>
  );
}

/**
 * The forms of one service, opened from its "Edit" link: its details, then retiring it (no new
 * referral can go to it) or bringing it back. Each carries the version it was read at.
 */
export function ServiceForms({
  service,
  closeHref,
  update,
  retire,
  reactivate,
}: {
  service: Service;
  /** The directory without these forms open. */
  closeHref: string;
  update: FormAction;
  retire: FormAction;
  reactivate: FormAction;
}) {
  const version = { version: String(service.version) };
  return (
    <section
      id="edit-service"
      aria-labelledby="edit-service-heading"
      className="mt-4 border-t border-slate-200 pt-4"
    >
      <h4 id="edit-service-heading" className="mb-3 font-semibold">
        Edit “{service.name}”
      </h4>
      <ActionForm
        action={update}
        draftKey={`service-${service.id}`}
        submitLabel="Save changes"
        hidden={version}
        fields={serviceFields(service)}
      />
      <div className="mt-3">
        {service.active ? (
          <ActionForm
            action={retire}
            submitLabel={`Retire “${service.name}”`}
            variant="danger"
            hidden={version}
            fields={[]}
            confirm={{
              title: `Retire “${service.name}”?`,
              body: "No new referral can go to it. Its referrals stay as they are, and you can bring it back.",
              confirmLabel: "Retire",
            }}
          />
        ) : (
          <ActionForm
            action={reactivate}
            submitLabel={`Bring “${service.name}” back`}
            variant="secondary"
            hidden={version}
            fields={[]}
          />
        )}
      </div>
      <p className="mt-3">
        <Link href={closeHref}>Close</Link>
      </p>
    </section>
  );
}
