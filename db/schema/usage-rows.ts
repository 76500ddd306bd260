import { bigint, boolean, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { dataRevisions } from "./data-revisions";

/**
 * Validated rows as the engine's readers emit them (canonical names, exact micro-dollars), so a recompute under
 * another rule set or basis reads them back without the original file.
 */
export const azureUsage = pgTable(
  "azure_usage",
  {
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => dataRevisions.id, { onDelete: "cascade" }),
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
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => dataRevisions.id, { onDelete: "cascade" }),
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
