import { Card } from "@/components/ui/card";

/** One titled section of a concern's page, labelled by its heading. */
export function ConcernPanel({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <Card as="section" padding={5} aria-labelledby={id}>
      <h3 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h3>
      {children}
    </Card>
  );
}
