import type { Role } from "@/db/schema";

export type { Role };

/** Who is asking: built from a validated session row, never from client input. */
export interface Actor {
  userId: string;
  role: Role;
  name: string;
  email: string;
  sessionId: string | null;
  /** For a patient account: the patient record that is "self". */
  patientId: string | null;
  ipAddress?: string | null;
}
