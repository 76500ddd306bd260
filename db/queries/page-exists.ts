import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { snapshots, snapshotTenants } from "@/db/schema";

/**
 * Cheap "is there anything at this address" checks for the layouts of pages that stream behind a loading skeleton.
 * A page that calls notFound() after its response has started can no longer change the status (it would answer
 * 200), so the layout, which renders before the skeleton is sent, asks first. The pages still read the data.
 */

/** Whether the organisation has a (latest) snapshot of this month. */
export async function snapshotMonthExists(db: Db, organizationId: string, month: string): Promise<boolean> {
  const [row] = await db
    .select({ id: snapshots.id })
    .from(snapshots)
    .where(and(eq(snapshots.organizationId, organizationId), eq(snapshots.latest, true), eq(snapshots.month, month)))
    .limit(1);
  return Boolean(row);
}

/** Whether the tenant appears in any of the organisation's latest snapshots (what the tenant page lists). */
export async function tenantInSnapshots(db: Db, organizationId: string, tenantId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: snapshotTenants.snapshotId })
    .from(snapshotTenants)
    .innerJoin(snapshots, eq(snapshots.id, snapshotTenants.snapshotId))
    .where(
      and(
        eq(snapshotTenants.tenantId, tenantId),
        eq(snapshots.organizationId, organizationId),
        eq(snapshots.latest, true),
      ),
    )
    .limit(1);
  return Boolean(row);
}
