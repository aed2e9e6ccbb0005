"use server";

import { notFound } from "next/navigation";
import { z } from "zod";
import { type FormState, formValues, runChange } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeGlobalAction } from "@/lib/authz/guard";
import { addResource, archiveResource, ResourceIdSchema, ResourceSchema } from "@/lib/education";

export async function addResourceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  await orNotFound(authorizeGlobalAction(actor, "manage:resources"));
  return runChange(
    "/resources",
    formValues(formData, ["title", "category", "summary", "url", "language"]),
    ResourceSchema,
    (input) => addResource(actor, input),
    "Added to the library.",
  );
}

export async function archiveResourceAction(
  resourceId: string,
  _prev: FormState,
  _formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = ResourceIdSchema.safeParse(resourceId);
  if (!id.success) notFound();
  await orNotFound(authorizeGlobalAction(actor, "manage:resources"));
  return runChange("/resources", {}, z.object({}), () => archiveResource(actor, id.data), "Archived.");
}
