import { date, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** The organisation's part of every URL: /o/[slug]/… */
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  ruleSet: text("rule_set").notNull().default("security-2025"),
  m365Basis: text("m365_basis").notNull().default("any-month"),
  /**
   * The day the organisation was granted (enrolled in) the designation, entered by an admin; the renewal date
   * follows from it (lib/qualification-window.ts). Null until entered.
   */
  enrolledOn: date("enrolled_on", { mode: "string" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Organization = typeof organizations.$inferSelect;
