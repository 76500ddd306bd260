import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, boolean } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { organizations } from "./organizations";

/**
 * The organisation's Performance result for one data month, as the engine computed it. A recompute adds a new
 * version and keeps the old one; `latest` marks the one the dashboards show.
 */
export const snapshots = pgTable(
  "snapshots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    version: integer("version").notNull(),
    latest: boolean("latest").notNull(),
    ruleSet: text("rule_set").notNull(),
    m365Basis: text("m365_basis").notNull(),
    /** The SPEC §4 document: windows, tracks, bestTrack, points. */
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
    bestTrack: text("best_track").notNull(),
    points: integer("points").notNull(),
    /** Insights computed with the snapshot (gap, near misses, at risk, projection). */
    insights: jsonb("insights").$type<Record<string, unknown>>(),
    /** The data revisions (id, source, month, revision) the snapshot was computed from. */
    revisions: jsonb("revisions").$type<{ id: string; source: string; month: string; revision: number }[]>().notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("snapshots_version_idx").on(t.organizationId, t.month, t.version),
    uniqueIndex("snapshots_latest_idx")
      .on(t.organizationId, t.month)
      .where(sql`${t.latest}`),
  ],
);

/** One row per tenant of a snapshot, so drill-down, search and paging never recompute. */
export const snapshotTenants = pgTable(
  "snapshot_tenants",
  {
    snapshotId: uuid("snapshot_id")
      .notNull()
      .references(() => snapshots.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id").notNull(),
    customerName: text("customer_name").notNull(),
    azureStatus: text("azure_status").notNull(),
    m365EnterpriseStatus: text("m365_enterprise_status").notNull(),
    m365SmbStatus: text("m365_smb_status").notNull(),
    acrCurrentMicros: bigint("acr_current_micros", { mode: "bigint" }).notNull(),
    acrPreviousMicros: bigint("acr_previous_micros", { mode: "bigint" }).notNull(),
    /** Highest paid units of any eligible workload in the current window. */
    peakUnitsCurrent: bigint("peak_units_current", { mode: "number" }).notNull(),
    /** The engine's full explanation for this tenant. */
    details: jsonb("details").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index("snapshot_tenants_snapshot_idx").on(t.snapshotId, t.customerName),
    // The snapshot page sorts and filters one snapshot's tenants in SQL (50,000 tenants stay fast); the tenant
    // page and the compare view look tenants up by id.
    index("snapshot_tenants_tenant_idx").on(t.tenantId, t.snapshotId),
    index("snapshot_tenants_acr_idx").on(t.snapshotId, t.acrCurrentMicros),
    index("snapshot_tenants_units_idx").on(t.snapshotId, t.peakUnitsCurrent),
    index("snapshot_tenants_azure_idx").on(t.snapshotId, t.azureStatus),
    index("snapshot_tenants_m365_idx").on(t.snapshotId, t.m365EnterpriseStatus, t.m365SmbStatus),
  ],
);

export type Snapshot = typeof snapshots.$inferSelect;
export type SnapshotTenant = typeof snapshotTenants.$inferSelect;
