import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Counters for rate limits (server/rate-limit.ts): one row per limit ("bucket"), subject ("key": an address,
 * an IP, a user id) and fixed window. A request adds one with a single INSERT … ON CONFLICT DO UPDATE …
 * RETURNING, so parallel requests are counted one after another by the row lock and none slips past.
 * Rows older than two windows no longer matter and are pruned by the background worker.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key, t.windowStart] })],
);

export type RateLimitRow = typeof rateLimits.$inferSelect;
