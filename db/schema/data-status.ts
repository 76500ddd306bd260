import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

/** Written by the monthly check on the 20th: which data month an organisation is missing, if any. */
export const organizationDataStatus = pgTable("organization_data_status", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  /** The expected data month that has not arrived; null when the organisation is up to date. */
  overdueMonth: text("overdue_month"),
  checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
});
