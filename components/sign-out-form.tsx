"use client";

import { clearAllDrafts } from "@/components/drafts/draft-storage";
import { postSessionMessage } from "@/components/session-signals";
import { Button } from "@/components/ui/button";

/**
 * The sign-out button: signing out also forgets, in this tab, whatever drafts were kept for a
 * time-out (ADR 015), and tells the other tabs, which forget theirs.
 */
export function SignOutForm({
  action,
  label,
  variant = "inverse",
  size = "sm",
}: {
  action: () => Promise<void>;
  label: string;
  variant?: "inverse" | "secondary";
  size?: "sm" | "md";
}) {
  return (
    <form
      action={action}
      data-sign-out=""
      onSubmit={() => {
        clearAllDrafts();
        postSessionMessage({ type: "signed-out" });
      }}
    >
      <Button type="submit" variant={variant} size={size}>
        {label}
      </Button>
    </form>
  );
}
