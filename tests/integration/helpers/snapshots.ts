import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { findSnapshotSummary } from "@/db/queries/snapshots";
import { snapshots } from "@/db/schema";
import type { SnapshotInsights } from "@/lib/snapshot-view";

/**
 * The latest version of one data month (or of the newest month), with its full stored insights: what the tests
 * compare against the engine. The app never reads the insights whole (db/queries/snapshots.ts, findSnapshotPreview).
 */
export async function findSnapshot(db: Db, organizationId: string, month?: string) {
  const summary = await findSnapshotSummary(db, organizationId, month);
  if (!summary) return null;
  const [row] = await db.select({ insights: snapshots.insights }).from(snapshots).where(eq(snapshots.id, summary.id));
  return { ...summary, insights: row!.insights as SnapshotInsights | null };
}
