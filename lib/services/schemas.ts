import { z } from "zod";
import { SERVICE_KINDS, type ServiceKind } from "@/db/schema/referrals";
import { NEED_DOMAINS, type NeedDomain } from "@/db/schema/screening";
import { blankToUndefined, checkbox, optionalText, requiredText, versionField } from "@/lib/validation";

export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = {
  community: "Community organisation",
  clinical: "Clinical service",
};

/** A language code's name ("es" → "Spanish"), in the reader's language; the code itself if unknown. */
export function languageName(code: string, inLanguage = "en"): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The primary language of a tag as the directory keeps it: "es-MX" → "es". */
export const primaryLanguage = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";

/** A domain's box on the service form: "domain-food". Ticked, the service meets that need. */
export const domainField = (domain: NeedDomain) => `domain-${domain}` as const;
const domainBoxes = Object.fromEntries(NEED_DOMAINS.map((d) => [domainField(d), checkbox])) as Record<
  ReturnType<typeof domainField>,
  typeof checkbox
>;

const LANGUAGE_CODE = /^[a-z]{2,3}$/;
const languages = z
  .string({ error: "Give the languages the service works in, e.g. en, es." })
  .transform((v) => [
    ...new Set(
      v
        .toLowerCase()
        .split(/[\s,;]+/)
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(
        z
          .string()
          .regex(LANGUAGE_CODE, { error: "Use two- or three-letter language codes, like en, es, vi." }),
      )
      .min(1, { error: "Give at least one language the service works in, e.g. en, es." })
      .max(20, { error: "List at most 20 languages." }),
  );

const phone = z
  .preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(40, { error: "Keep the phone number under 40 characters." })
      .refine((v) => (v.match(/\d/g)?.length ?? 0) >= 7, {
        error: "Enter a phone number with its area code.",
      })
      .optional(),
  )
  .transform((v) => v ?? null);
const email = z
  .preprocess(
    blankToUndefined,
    z.email({ error: "Enter an email address like intake@example.org." }).optional(),
  )
  .transform((v) => v ?? null);
const website = z
  .preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "Enter a web address starting with https://" })
      .max(500)
      .optional(),
  )
  .transform((v) => v ?? null);

const fields = {
  name: requiredText(2, 200, "Give the service its name."),
  kind: z.enum(SERVICE_KINDS, {
    error: "Choose whether it is a community organisation or a clinical service.",
  }),
  ...domainBoxes,
  languages,
  phone,
  email,
  website,
  address: optionalText(500),
  hours: optionalText(500),
  description: optionalText(2000),
};

type Fields = { [K in keyof typeof fields]: z.output<(typeof fields)[K]> };

/** The service as the domain takes it: the domain boxes gathered into a list. */
export interface ServiceInput {
  name: string;
  kind: ServiceKind;
  domains: NeedDomain[];
  languages: string[];
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  hours: string | null;
  description: string | null;
}

function checkService(v: Fields, ctx: z.RefinementCtx) {
  if (!NEED_DOMAINS.some((d) => v[domainField(d)]))
    ctx.addIssue({ code: "custom", path: ["domains"], message: "Tick at least one need the service meets." });
  if (!v.phone && !v.email && !v.website)
    ctx.addIssue({
      code: "custom",
      path: ["phone"],
      message: "Give a phone number, an email or a website, so staff and patients can reach them.",
    });
}

function toInput(v: Fields): ServiceInput {
  return {
    name: v.name,
    kind: v.kind,
    domains: NEED_DOMAINS.filter((d) => v[domainField(d)]),
    languages: v.languages,
    phone: v.phone,
    email: v.email,
    website: v.website,
    address: v.address,
    hours: v.hours,
    description: v.description,
  };
}

/** Adding a service to the directory. */
export const ServiceSchema = z.object(fields).superRefine(checkService).transform(toInput);

/** Changing a service, against the version the editor saw. */
export const ServiceUpdateSchema = z
  .object({ ...fields, version: versionField })
  .superRefine(checkService)
  .transform((v) => ({ ...toInput(v), version: v.version }));
export type ServiceUpdateInput = z.output<typeof ServiceUpdateSchema>;

/** Retiring or reactivating a service, against the version the editor saw. */
export const ServiceActiveSchema = z.object({ version: versionField });

/** The directory's filters, from the query string: anything unknown is "all". */
export const ServiceFilterSchema = z.object({
  domain: z.enum(NEED_DOMAINS).optional().catch(undefined),
  language: z.string().regex(LANGUAGE_CODE).optional().catch(undefined),
  retired: z.literal("shown").optional().catch(undefined),
  /** The page of the directory, SERVICES_PAGE_SIZE services a page, by name. */
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});

/** How many services a page of the directory lists (issue 19: a long directory is paged). */
export const SERVICES_PAGE_SIZE = 10;
export type ServiceFilter = z.infer<typeof ServiceFilterSchema>;
