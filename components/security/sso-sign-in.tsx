import { SubmitButton } from "@/components/ui/submit-button";

/**
 * "Sign in with <the organisation>", below the password form when single sign-on is configured:
 * a form of its own, so it works before any script has loaded.
 */
export function SsoSignIn({
  action,
  name,
  next,
}: {
  action: (formData: FormData) => Promise<void>;
  name: string;
  next: string;
}) {
  return (
    <form action={action} className="mt-6 border-t border-slate-200 pt-6">
      <p className="mb-3 text-sm text-slate-700">Staff can sign in with their organisation's account.</p>
      {next === "/" ? null : <input type="hidden" name="next" value={next} />}
      <SubmitButton variant="secondary" pendingText="Opening your organisation's sign-in…">
        Sign in with {name}
      </SubmitButton>
    </form>
  );
}
