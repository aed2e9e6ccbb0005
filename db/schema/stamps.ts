import { integer, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Who saved a row two people can edit last, when, and the version the next editor must have seen
 * (docs/decisions/010): the columns every versioned record of issue 18 carries.
 */
export const editStamps = () => ({
  updatedBy: uuid("updated_by")
    .notNull()
    .references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  version: integer("version").notNull().default(1),
});
