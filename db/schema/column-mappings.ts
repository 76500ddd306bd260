import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { importSourceEnum } from "./imports";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * How an organisation's files with unknown headers map onto the fields of one source (issue 15). One row per
 * header layout (`headersKey`: the file's headers normalised and sorted), so each export layout a partner uses
 * has its own mapping; a later upload or connector file with those headers reuses it without asking.
 */
export const columnMappings = pgTable(
  "column_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    source: importSourceEnum("source").notNull(),
    headersKey: text("headers_key").notNull(),
    /** The file's headers as written when the mapping was made (shown on the Data page). */
    headers: jsonb("headers").$type<string[]>().notNull(),
    /** Field key (e.g. `tenantId`) → the file's header as written. */
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("column_mappings_layout_idx").on(t.organizationId, t.source, t.headersKey),
    index("column_mappings_org_idx").on(t.organizationId),
  ],
);

export type ColumnMapping = typeof columnMappings.$inferSelect;
