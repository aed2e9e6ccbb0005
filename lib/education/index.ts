import { IdSchema } from "@/lib/validation";
import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import {
  educationResources,
  RESOURCE_CATEGORIES,
  type ResourceCategory,
  resourcesGiven,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, allowsGlobal, authorizeGlobal, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError, pgErrorCode } from "@/lib/errors";
import { readPatientRecord } from "@/lib/records/patient-read";
import { blankToUndefined, optionalText } from "@/lib/validation";

export const RESOURCE_CATEGORY_LABELS: Record<ResourceCategory, string> = {
  rights: "Your rights",
  "financial-help": "Financial help",
  "support-services": "Support services",
  transport: "Transport",
  "language-access": "Language access",
  other: "Other",
};
export const RESOURCE_LANGUAGES = {
  en: "English",
  es: "Spanish",
  pt: "Portuguese",
  vi: "Vietnamese",
  zh: "Chinese",
} as const;

export const ResourceIdSchema = IdSchema;
export const ResourceSchema = z.object({
  title: z.string().trim().min(3, { error: "Give the resource a title." }).max(150),
  category: z.enum(RESOURCE_CATEGORIES, { error: "Choose a category from the list." }),
  summary: z
    .string()
    .trim()
    .min(20, { error: "Summarise it in plain language, in a sentence or two." })
    .max(1000, { error: "Keep this under 1,000 characters." }),
  url: z
    .preprocess(
      blankToUndefined,
      z.url({ protocol: /^https?$/, error: "Enter a web address starting with https://" }).optional(),
    )
    .transform((v) => v ?? null),
  language: z.enum(Object.keys(RESOURCE_LANGUAGES) as [keyof typeof RESOURCE_LANGUAGES], {
    error: "Choose a language from the list.",
  }),
});
export type ResourceInput = z.infer<typeof ResourceSchema>;
export const GiveResourceSchema = z.object({
  resourceId: z.uuid({ error: "Choose a resource from the library." }),
  note: optionalText(500),
});

export interface Resource {
  id: string;
  title: string;
  category: ResourceCategory;
  summary: string;
  url: string | null;
  language: string;
}

const resourceColumns = {
  id: educationResources.id,
  title: educationResources.title,
  category: educationResources.category,
  summary: educationResources.summary,
  url: educationResources.url,
  language: educationResources.language,
};

/** The library, by category then title; every staff member may read it (it holds no PHI). */
export async function listResources(actor: Actor): Promise<{ resources: Resource[]; canManage: boolean }> {
  await authorizeGlobal(actor, "read:resources");
  const resources = await db()
    .select(resourceColumns)
    .from(educationResources)
    .where(isNull(educationResources.archivedAt))
    .orderBy(asc(educationResources.category), asc(educationResources.title));
  return { resources, canManage: allowsGlobal(actor.role, "manage:resources") };
}

export async function addResource(actor: Actor, input: ResourceInput): Promise<string> {
  await authorizeGlobal(actor, "manage:resources");
  try {
    return await db().transaction(async (tx) => {
      const [row] = await tx
        .insert(educationResources)
        .values({ ...input, createdBy: actor.userId })
        .returning({ id: educationResources.id });
      await recordAudit(tx, actor, {
        action: "resource.create",
        entityType: "education_resource",
        entityId: row!.id,
      });
      return row!.id;
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") {
      const message = "The library already has a resource with this title in this language.";
      throw new DomainError(message, { title: [message] });
    }
    throw error;
  }
}

/** Takes a resource out of the library; what patients were given stays in their record. */
export async function archiveResource(actor: Actor, resourceId: string): Promise<void> {
  await authorizeGlobal(actor, "manage:resources");
  await db().transaction(async (tx) => {
    const archived = await tx
      .update(educationResources)
      .set({ archivedAt: new Date() })
      .where(and(eq(educationResources.id, resourceId), isNull(educationResources.archivedAt)))
      .returning({ id: educationResources.id });
    if (archived.length === 0) throw new NotFoundError();
    await recordAudit(tx, actor, {
      action: "resource.archive",
      entityType: "education_resource",
      entityId: resourceId,
    });
  });
}

export interface GivenResource extends Resource {
  givenId: string;
  givenAt: Date;
  givenBy: string;
  note: string | null;
}

/** What the patient was given, newest first. */
export async function listResourcesGiven(actor: Actor, patientId: string): Promise<GivenResource[]> {
  // The advocacy page shows the patient's header from its own read: only the list is returned.
  const { given } = await readPatientRecord(
    actor,
    "read:advocacyLog",
    patientId,
    async ({ database }) => ({
      given: await database
        .select({
          ...resourceColumns,
          givenId: resourcesGiven.id,
          givenAt: resourcesGiven.givenAt,
          givenBy: users.name,
          note: resourcesGiven.note,
        })
        .from(resourcesGiven)
        .innerJoin(educationResources, eq(educationResources.id, resourcesGiven.resourceId))
        .innerJoin(users, eq(users.id, resourcesGiven.givenBy))
        .where(eq(resourcesGiven.patientId, patientId))
        .orderBy(desc(resourcesGiven.givenAt))
        .limit(200),
    }),
    ({ given }) => ({ action: "resource.list-given", details: { shown: given.length } }),
  );
  return given;
}

/** Records that the advocate gave the patient a resource from the library. */
export async function giveResource(
  actor: Actor,
  patientId: string,
  input: z.infer<typeof GiveResourceSchema>,
): Promise<void> {
  await authorizePatient(actor, "write:advocacyLog", patientId);
  await db().transaction(async (tx) => {
    const [resource] = await tx
      .select({ id: educationResources.id })
      .from(educationResources)
      .where(and(eq(educationResources.id, input.resourceId), isNull(educationResources.archivedAt)));
    if (!resource) {
      const message = "That resource is no longer in the library. Choose another.";
      throw new DomainError(message, { resourceId: [message] });
    }
    const [row] = await tx
      .insert(resourcesGiven)
      .values({ patientId, resourceId: input.resourceId, givenBy: actor.userId, note: input.note })
      .returning({ id: resourcesGiven.id });
    await recordAudit(tx, actor, {
      action: "resource.give",
      patientId,
      entityType: "resource_given",
      entityId: row!.id,
      details: { resource: input.resourceId },
    });
  });
}
