/**
 * The recompute's reads and writes of the snapshots table (server/snapshots/recompute.ts, inside its transaction
 * and the organisation's lock): what each month's latest version was computed from, the next version numbers,
 * and the new versions replacing the latest ones.
 */
import { and, eq, inArray, max, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { snapshots } from "@/db/schema";

/** What the latest snapshot of each month was computed from: its rule set, M365 basis and data revisions. */
export async function listLatestSnapshotInputs(db: Db, organizationId: string) {
  return db
    .select({
      month: snapshots.month,
      ruleSet: snapshots.ruleSet,
      basis: snapshots.m365Basis,
      revisions: snapshots.revisions,
    })
    .from(snapshots)
    .where(and(eq(snapshots.organizationId, organizationId), eq(snapshots.latest, true)));
}

/** The version each month's new snapshot gets: one more than its latest stored version. */
export async function nextSnapshotVersions(
  db: Db,
  organizationId: string,
  months: string[],
): Promise<Map<string, number>> {
  const rows = await db
    .select({ month: snapshots.month, version: max(snapshots.version) })
    .from(snapshots)
    .where(and(eq(snapshots.organizationId, organizationId), inArray(snapshots.month, months)))
    .groupBy(snapshots.month);
  return new Map(rows.map((r) => [r.month, (r.version ?? 0) + 1]));
}

/** The months' latest snapshots stop being the latest (their new versions follow in the same transaction). */
export async function supersedeLatestSnapshots(db: Db, organizationId: string, months: string[]): Promise<void> {
  await db
    .update(snapshots)
    .set({ latest: false })
    .where(
      and(eq(snapshots.organizationId, organizationId), inArray(snapshots.month, months), eq(snapshots.latest, true)),
    );
}

/** A snapshot row, with its insights as JSON text (assembled from pieces, never held as objects). */
export type NewSnapshotVersion = Omit<typeof snapshots.$inferInsert, "insights"> & { insightsJson: string };

/** Stores one new snapshot version; the database parses its insights' JSON text. */
export async function insertSnapshotVersion(db: Db, { insightsJson, ...values }: NewSnapshotVersion): Promise<void> {
  await db.insert(snapshots).values({ ...values, insights: sql`${insightsJson}::jsonb` });
}
