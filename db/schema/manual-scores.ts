import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * Skilling and Customer Success points typed in by an admin or analyst (the portal cannot compute them), per
 * organisation, data month, track and metric. One row per metric: entering it again replaces the value, and the
 * audit log keeps the history.
 */
export const manualScores = pgTable(
  "manual_scores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    /** "enterprise" | "smb" */
    track: text("track").notNull(),
    /** "skilling" | "deployments" | "usageGrowth" */
    metric: text("metric").notNull(),
    points: integer("points").notNull(),
    enteredBy: uuid("entered_by").references(() => users.id, { onDelete: "set null" }),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("manual_scores_metric_idx").on(t.organizationId, t.month, t.track, t.metric),
    index("manual_scores_org_month_idx").on(t.organizationId, t.month),
  ],
);

export type ManualScore = typeof manualScores.$inferSelect;
