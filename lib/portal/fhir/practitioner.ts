import "server-only";
import type { Practitioner, Reference } from "fhir/r4";
import { derivedUuid, referenceTo } from "./references";

const STAFF_ROLE: Record<string, string> = {
  coordinator: "Care coordinator",
  advocate: "Patient advocate",
};

/** How the export names a staff member's part in the patient's care. */
export function staffRoleText(role: string): string {
  return STAFF_ROLE[role] ?? role;
}

interface ClinicianRow {
  id: string;
  name: string;
  discipline: string;
  kind: string;
}

interface StaffRow {
  id: string;
  name: string;
  role: string;
}

/**
 * The people the record names, each one Practitioner however many times they are named (on the
 * care team, on a booking, as owner of a step in the plan), so every mention is a reference that
 * resolves to the same entry.
 */
export class PractitionerDirectory {
  private readonly byId = new Map<string, Practitioner & { id: string }>();

  /** A clinician is a Practitioner; a bookable resource (a room, a service) is only named. */
  clinician(c: ClinicianRow): Reference {
    if (c.kind !== "clinician") return { display: c.name };
    return this.add(c.id, c.name, c.discipline);
  }

  /**
   * A coordinator or advocate. Their entry's id is derived from the account's, so the export does
   * not hand out account ids, yet stays the same from one export to the next.
   */
  staff(u: StaffRow): Reference {
    return this.add(derivedUuid(`practitioner:${u.id}`), u.name, staffRoleText(u.role));
  }

  list(): (Practitioner & { id: string })[] {
    return [...this.byId.values()];
  }

  private add(id: string, name: string, qualification: string): Reference {
    if (!this.byId.has(id)) {
      this.byId.set(id, {
        resourceType: "Practitioner",
        id,
        name: [{ text: name }],
        qualification: [{ code: { text: qualification } }],
      });
    }
    return referenceTo("Practitioner", id, name);
  }
}
