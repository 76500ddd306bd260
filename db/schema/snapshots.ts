import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  boolean,
} from "drizzle-orm/pg-core";
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

/**
 * One row per tenant of a snapshot, so drill-down, search, paging and export never recompute. Kept compact (a
 * recompute writes one row per tenant and month, ~1.6M for 50,000 tenants × 36 months): typed columns for what
 * the pages filter, sort and join on, and the rest of the engine's explanation as short text in `extra`
 * (lib/scoring/figures.ts), from which the full explanation is rebuilt exactly. See docs/decisions.md.
 */
export const snapshotTenants = pgTable(
  "snapshot_tenants",
  {
    /**
     * The snapshot (snapshots.id). No foreign key: checking one per row was ~40% of the write's server time, and
     * rows are written only by the recompute, in the transaction that inserts their snapshot; snapshots are
     * never deleted (every version is kept). See docs/decisions.md.
     */
    snapshotId: uuid("snapshot_id").notNull(),
    tenantId: uuid("tenant_id").notNull(),
    customerName: text("customer_name").notNull(),
    /**
     * The name's natural-order key (lib/format naturalSortKey: "Customer 2" before "Customer 10"), compared
     * byte-wise (COLLATE "C"), so the snapshot page sorts naturally in the database through its index. PGlite has
     * no ICU collation to do this from the name alone. Rows written before the column existed hold '' and sort by
     * name after it.
     */
    nameSortKey: text("name_sort_key").notNull().default(""),
    azureStatus: text("azure_status").notNull(),
    m365EnterpriseStatus: text("m365_enterprise_status").notNull(),
    m365SmbStatus: text("m365_smb_status").notNull(),
    acrCurrentMicros: bigint("acr_current_micros", { mode: "bigint" }).notNull(),
    acrPreviousMicros: bigint("acr_previous_micros", { mode: "bigint" }).notNull(),
    /** Highest paid units of any eligible workload in the current window. */
    peakUnitsCurrent: bigint("peak_units_current", { mode: "number" }).notNull(),
    /** Excluded amounts and units, peak units per workload, SMB by stickiness (encodeExtra); null when none. */
    extra: text("extra"),
  },
  (t) => [
    // Two indexes only: every write pays for each. The snapshot page reads one snapshot's rows (≤ ~50,000, which
    // PostgreSQL sorts in milliseconds) and its default order is by name (naturally: the sort key); the tenant
    // page looks a tenant up by id.
    index("snapshot_tenants_snapshot_idx").on(t.snapshotId, sql`${t.nameSortKey} collate "C"`),
    index("snapshot_tenants_tenant_idx").on(t.tenantId),
  ],
);

export type Snapshot = typeof snapshots.$inferSelect;
export type SnapshotTenant = typeof snapshotTenants.$inferSelect;
