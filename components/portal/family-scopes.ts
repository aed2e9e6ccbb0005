import type { Messages } from "@/lib/i18n/messages";

interface Scopes {
  canViewTimeline: boolean;
  canRaiseConcerns: boolean;
  canViewRequests: boolean;
  canMessage: boolean;
}

/** What a family member may do, in one line of the reader's language. */
export function scopeSummary(t: Messages, s: Scopes): string {
  return [
    s.canViewTimeline ? t.family.scopeTimeline : null,
    s.canRaiseConcerns ? t.family.scopeConcerns : null,
    s.canViewRequests ? t.family.scopeRequests : null,
    s.canMessage ? t.family.scopeMessages : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** The four scope checkboxes, for the invitation and for changing a grant, ticked as `s` says. */
export function scopeCheckboxes(t: Messages, s: Scopes) {
  return [
    {
      kind: "checkbox",
      name: "canViewTimeline",
      label: t.family.canViewTimeline,
      defaultChecked: s.canViewTimeline,
    },
    {
      kind: "checkbox",
      name: "canRaiseConcerns",
      label: t.family.canRaiseConcerns,
      defaultChecked: s.canRaiseConcerns,
    },
    {
      kind: "checkbox",
      name: "canViewRequests",
      label: t.family.canViewRequests,
      defaultChecked: s.canViewRequests,
    },
    { kind: "checkbox", name: "canMessage", label: t.family.canMessage, defaultChecked: s.canMessage },
  ] as const;
}
