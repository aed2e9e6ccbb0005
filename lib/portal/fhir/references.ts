import "server-only";
import { createHash } from "node:crypto";
import type { BundleEntry, FhirResource, Reference } from "fhir/r4";

/*
 * How the export's references resolve, and why urn:uuid rather than server-style URLs.
 *
 * FHIR R4 (Bundle, "Resolving references in Bundles") matches an absolute reference against the
 * entries' fullUrl, and resolves a relative one ("Patient/123") only against the base of the
 * containing entry's fullUrl when that fullUrl is a RESTful server URL. This export comes from no
 * FHIR server: no base exists at which "<base>/Patient/<id>" could be read, and inventing one
 * would announce an endpoint that answers nothing. For resources with no server home the spec's
 * fullUrl is a urn:uuid, and a reference to one is that same urn:uuid, matched as a string: no
 * base to find, no rule to apply, one meaning in any reader. Every id here is already a UUID (a
 * row's primary key, or `derivedUuid`), so the resource id and the fullUrl say the same thing.
 */

type ResourceType = FhirResource["resourceType"];

/** A stable UUID for a resource that has no row of its own (the care team, a staff member). */
export function derivedUuid(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Where a resource lives inside the export: the fullUrl of its entry and the target of every reference to it. */
export function fullUrlOf(id: string): string {
  return `urn:uuid:${id}`;
}

/** A reference that resolves to the entry of the resource with this id; `type` says what it points at. */
export function referenceTo(type: ResourceType, id: string, display?: string): Reference {
  return { reference: fullUrlOf(id), type, ...(display ? { display } : {}) };
}

export function bundleEntry(resource: FhirResource & { id: string }): BundleEntry {
  return { fullUrl: fullUrlOf(resource.id), resource };
}
