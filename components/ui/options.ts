/** A label map ({ value: label }) as the option list a select field takes. */
export function labelOptions(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
