import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { importSourceEnum, imports } from "./imports";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * One month of one source's data as delivered by one import. An import replaces the months it contains by adding
 * a new revision; superseded revisions stay, so an admin can roll a month back. At most one revision per
 * organisation, source and month is active.
 *
 * A revision is `staged` while its import waits for the user to confirm replacing months that already have data:
 * its rows are stored but nothing reads them (every reader filters `active`), it is not listed in the history
 * and cannot be rolled back to. Confirming activates it (staged → false); cancelling deletes it and its rows.
 */
export const dataRevisions = pgTable(
  "data_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    source: importSourceEnum("source").notNull(),
    month: text("month").notNull(),
    revision: integer("revision").notNull(),
    importId: uuid("import_id").references(() => imports.id, { onDelete: "set null" }),
    rowCount: integer("row_count").notNull(),
    active: boolean("active").notNull(),
    staged: boolean("staged").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("data_revisions_number_idx").on(t.organizationId, t.source, t.month, t.revision),
    uniqueIndex("data_revisions_active_idx")
      .on(t.organizationId, t.source, t.month)
      .where(sql`${t.active}`),
    index("data_revisions_org_idx").on(t.organizationId, t.active),
  ],
);

export type DataRevision = typeof dataRevisions.$inferSelect;
