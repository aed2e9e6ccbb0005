import { customType } from "drizzle-orm/pg-core";

/** A `bytea` column read back as a Buffer on both drivers (PGlite hands out a Uint8Array). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});
