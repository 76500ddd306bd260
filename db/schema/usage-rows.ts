import { bigint, boolean, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";

/**
 * Validated rows as the engine's readers emit them (canonical names, exact micro-dollars), so a recompute under
 * another rule set or basis reads them back without the original file.
 *
 * `revision_id` names a data_revisions row but has no foreign key, on purpose: the key's per-row check made the
 * import's COPY about 2-3× slower (docs/decisions.md), and the import writes rows before their revision exists
 * (the months of a file are known only at its end). Integrity is kept by the only code that writes or deletes
 * them, server/imports/revisions.ts: rows and their revisions are created in one transaction and a cancelled
 * import's revisions are deleted with their rows.
 */
export const azureUsage = pgTable(
  "azure_usage",
  {
    revisionId: uuid("revision_id").notNull(),
    tenantId: uuid("tenant_id").notNull(),
    month: text("month").notNull(),
    customerName: text("customer_name").notNull(),
    service: text("service").notNull(),
    offer: text("offer"),
    associationType: text("association_type").notNull(),
    acrMicros: bigint("acr_micros", { mode: "bigint" }).notNull(),
    duplicate: boolean("duplicate").notNull(),
  },
  (t) => [index("azure_usage_revision_idx").on(t.revisionId)],
);

export const m365Licences = pgTable(
  "m365_licences",
  {
    revisionId: uuid("revision_id").notNull(),
    tenantId: uuid("tenant_id").notNull(),
    month: text("month").notNull(),
    customerName: text("customer_name").notNull(),
    workload: text("workload").notNull(),
    associationType: text("association_type").notNull(),
    paidUnits: bigint("paid_units", { mode: "number" }).notNull(),
    monthlyActiveUsers: integer("monthly_active_users"),
  },
  (t) => [index("m365_licences_revision_idx").on(t.revisionId)],
);
