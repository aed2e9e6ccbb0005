import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import type { WorkKind } from "@/lib/my-work";

/** The empty list: nothing is due, and where new work arrives for the kinds this person works. */
export function NothingWaiting({ kinds }: { kinds: WorkKind[] }) {
  const places = [
    kinds.includes("conversation") ? { href: "/messages", label: "the messages inbox" } : null,
    kinds.includes("concern") ? { href: "/concerns", label: "the concerns worklist" } : null,
    kinds.includes("rights-request") ? { href: "/rights-requests", label: "the rights requests" } : null,
    { href: "/patients", label: "your patients" },
  ].filter((p) => p !== null);
  return (
    <EmptyState
      next={
        <>
          New work appears here as it falls due. Meanwhile, look through{" "}
          {places.map((p, i) => (
            <span key={p.href}>
              {i > 0 ? (i === places.length - 1 ? " or " : ", ") : null}
              <Link href={p.href}>{p.label}</Link>
            </span>
          ))}
          .
        </>
      }
    >
      Nothing is waiting on you.
    </EmptyState>
  );
}
