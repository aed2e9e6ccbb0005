import { CONCERN_CATEGORY_LABELS } from "@/lib/concerns/schemas";
import { NEED_DOMAIN_LABELS } from "@/lib/needs/labels";
import { RIGHTS_TYPE_LABELS } from "@/lib/rights-requests/schemas";
import { REPORT_KIND_WORDS } from "./columns";
import type { GroupFigures } from "./figures";
import { QUARTERS, type ReportPeriod } from "./periods";
import {
  AGE_BANDS,
  DIMENSIONS,
  type Dimension,
  NOT_RECORDED,
  type ReportKind,
  type ReportRow,
  type ReportTable,
} from "./schemas";
import { applySuppression, type GroupCount, type Hidden, protectYear } from "./suppression";

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
function label(dimension: Dimension, key: string, categoryLabels: Record<string, string>): string {
  if (key === NOT_RECORDED) return "Not recorded";
  if (dimension === "category") return categoryLabels[key] ?? key;
  if (dimension === "language") {
    try {
      return languageNames.of(key) ?? key;
    } catch {
      return key;
    }
  }
  if (dimension === "age") return AGE_BANDS.find((b) => b.key === key)?.label ?? key;
  return key;
}

/**
 * Which groups of one dimension are hidden in the period asked for. The whole year is worked out
 * with its quarters because they add up to it; `yearEnded` says whether the year (and so its last
 * quarter) is shown at all.
 */
function hiddenIn(
  rows: GroupFigures[],
  dimension: Dimension,
  period: ReportPeriod,
  yearEnded: boolean,
): Hidden {
  const column = (quarter: number | null): GroupCount[] =>
    rows.filter((r) => r.dimension === dimension && r.quarter === quarter);
  const hidden = protectYear(
    QUARTERS.map((q) => column(q)),
    yearEnded ? column(null) : null,
  );
  const found = period.quarter === null ? hidden.year : hidden.quarters[period.quarter - 1];
  if (!found) throw new Error(`${period.year} has not ended: its figures are not shown`);
  return found;
}

/** What each kind's categories are called: concern categories, kinds of request, need domains. */
const CATEGORY_LABELS: Record<ReportKind, Record<string, string>> = {
  concerns: CONCERN_CATEGORY_LABELS,
  rights: RIGHTS_TYPE_LABELS,
  needs: NEED_DOMAIN_LABELS,
  referrals: NEED_DOMAIN_LABELS,
  "needs-met": NEED_DOMAIN_LABELS,
};

/** The five tables of one kind for the period, small groups suppressed and hidden rows listed last. */
export function reportTables(
  kind: ReportKind,
  rows: GroupFigures[],
  period: ReportPeriod,
  yearEnded: boolean,
): ReportTable[] {
  const categoryLabels = CATEGORY_LABELS[kind];
  const words = REPORT_KIND_WORDS[kind];
  const order: Partial<Record<Dimension, string[]>> = {
    category: Object.keys(categoryLabels),
    age: AGE_BANDS.map((b) => b.key),
  };
  return DIMENSIONS.map((d) => {
    const rank = (key: string) => {
      if (key === NOT_RECORDED) return Number.MAX_SAFE_INTEGER;
      const i = order[d.key]?.indexOf(key) ?? 0;
      return i === -1 ? Number.MAX_SAFE_INTEGER - 1 : i;
    };
    const own: ReportRow[] = rows
      .filter((r) => r.dimension === d.key && r.quarter === period.quarter)
      .map((r) => ({
        key: r.key,
        label: label(d.key, r.key, categoryLabels),
        items: r.items,
        patients: r.patients,
        done: r.done,
        medianDays: r.medianDays,
        onTimeShare: r.done > 0 ? r.onTime / r.done : null,
        suppressed: false,
      }));
    const hidden = hiddenIn(rows, d.key, period, yearEnded);
    // Sorted after suppression: a hidden row placed by its size would tell its size.
    const shown = applySuppression(own, hidden).sort(
      (a, b) =>
        rank(a.key) - rank(b.key) ||
        Number(a.suppressed) - Number(b.suppressed) ||
        b.items - a.items ||
        a.label.localeCompare(b.label),
    );
    return {
      id: `${kind}-by-${d.key}` as const,
      kind,
      dimension: d.key,
      title: `${words.title} by ${(d.key === "category" ? (words.categoryTitle ?? d.label) : d.label).toLowerCase()}`,
      dimensionLabel: d.key === "category" ? (words.categoryLabel ?? d.label) : d.label,
      withheld: hidden.withheld,
      rows: shown,
    };
  });
}
