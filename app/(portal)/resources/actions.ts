"use server";

import { z } from "zod";
import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import { addResource, archiveResource, ResourceSchema } from "@/lib/education";

export async function addResourceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return recordAction(formData, { global: "manage:resources" }, ResourceSchema, ({ actor }) => ({
    page: "/resources",
    change: (input) => addResource(actor, input),
    ok: "Added to the library.",
  }));
}

export async function archiveResourceAction(
  resourceId: string,
  _prev: FormState,
  _formData: FormData,
): Promise<FormState> {
  return recordAction(
    undefined,
    { global: "manage:resources", id: resourceId },
    z.object({}),
    ({ actor, id }) => ({
      page: "/resources",
      change: () => archiveResource(actor, id),
      ok: "Archived.",
    }),
  );
}
