import { Button } from "@/components/ui/button";
import { LOCALES, type Locale, MESSAGES } from "@/lib/i18n/messages";

/**
 * Buttons to switch the portal's language; each names the language in that language. Inverse on
 * the brand-coloured header; secondary on a white page (the sign-in page).
 */
export function LanguageSwitch({
  current,
  label,
  action,
  variant = "inverse",
}: {
  current: Locale;
  label: string;
  action: (formData: FormData) => Promise<void>;
  variant?: "inverse" | "secondary";
}) {
  return (
    <form action={action} aria-label={label} className="flex items-center gap-1">
      {LOCALES.filter((l) => l !== current).map((l) => (
        <Button key={l} type="submit" name="locale" value={l} lang={l} variant={variant} size="sm">
          {MESSAGES[l].languageName}
        </Button>
      ))}
    </form>
  );
}
