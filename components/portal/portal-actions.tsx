import { ButtonLink } from "@/components/ui/button";

/** One of the portal home's ways on: where it goes and what it says; the first kind of thing to do is primary. */
export interface PortalAction {
  href: string;
  label: string;
  primary?: boolean;
}

/**
 * The portal home's row of ways on (raise a concern, conversations, what matters, who decides, …):
 * the page lists those the reader's DTO allows, in order, and this draws them as one list.
 */
export function PortalActions({ label, actions }: { label: string; actions: (PortalAction | false)[] }) {
  return (
    <nav aria-label={label} className="mb-6">
      <ul className="flex flex-wrap gap-3">
        {actions
          .filter((a): a is PortalAction => a !== false)
          .map((a) => (
            <li key={a.href}>
              <ButtonLink variant={a.primary ? undefined : "secondary"} href={a.href}>
                {a.label}
              </ButtonLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
