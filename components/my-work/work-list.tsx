import Link from "next/link";
import { TableHead, Td } from "@/components/ui/table-head";
import { TableScroll } from "@/components/ui/table-scroll";
import { WORK_KIND_LABELS, type WorkItem } from "@/lib/my-work";
import { WorkDue } from "./work-due";

/** What waits on the staff member, soonest due first; each title opens the item on its record. */
export function WorkList({ items }: { items: WorkItem[] }) {
  return (
    <TableScroll label="My work, soonest due first">
      <table data-testid="my-work">
        <TableHead columns={[{ key: "due", label: "Due", sort: "ascending" }, "What", "Patient", "Kind"]} />
        <tbody>
          {items.map((item) => (
            <tr
              key={`${item.kind}-${item.id}`}
              data-kind={item.kind}
              className={item.overdue ? "bg-red-50" : undefined}
            >
              <Td>
                <WorkDue item={item} />
              </Td>
              <Td>
                <Link href={item.href}>{item.title}</Link>
                <span className="block text-sm text-slate-700">{item.reason}</span>
              </Td>
              <Td>{item.patientName}</Td>
              <Td>{WORK_KIND_LABELS[item.kind]}</Td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
