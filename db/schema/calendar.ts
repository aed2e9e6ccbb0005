import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * A secret iCalendar feed URL per user. Only a SHA-256 of the token is kept, so the URL is shown
 * once when made; making a new one or revoking ends the old one.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastFetchedAt: timestamp("last_fetched_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("calendar_feeds_token_key").on(t.tokenHash),
    uniqueIndex("calendar_feeds_one_live_per_user").on(t.userId).where(sql`${t.revokedAt} is null`),
    index("calendar_feeds_user_idx").on(t.userId),
  ],
);
