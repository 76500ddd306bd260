import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { manualScores, users } from "@/db/schema";
import type { ManualMetric } from "@/lib/pcs-total";
import type { Track } from "@/lib/scoring";

export type ManualScoreEntry = {
  track: Track;
  metric: ManualMetric;
  points: number;
  enteredAt: Date;
  enteredBy: string | null;
};

/** The Skilling / Customer Success points typed in for one data month, with who entered them. */
export async function listManualScores(db: Db, organizationId: string, month: string): Promise<ManualScoreEntry[]> {
  const rows = await db
    .select({
      track: manualScores.track,
      metric: manualScores.metric,
      points: manualScores.points,
      enteredAt: manualScores.enteredAt,
      enteredBy: users.name,
    })
    .from(manualScores)
    .leftJoin(users, eq(users.id, manualScores.enteredBy))
    .where(and(eq(manualScores.organizationId, organizationId), eq(manualScores.month, month)))
    .orderBy(asc(manualScores.track), asc(manualScores.metric));
  return rows as ManualScoreEntry[];
}

type Key = { organizationId: string; month: string; track: Track; metric: ManualMetric };

export async function findManualScore(db: Db, key: Key) {
  const [row] = await db
    .select({ points: manualScores.points })
    .from(manualScores)
    .where(
      and(
        eq(manualScores.organizationId, key.organizationId),
        eq(manualScores.month, key.month),
        eq(manualScores.track, key.track),
        eq(manualScores.metric, key.metric),
      ),
    );
  return row ?? null;
}

/** Sets a metric's points (replacing an earlier entry), or clears it when `points` is null. */
export async function saveManualScore(db: Db, key: Key, points: number | null, userId: string) {
  if (points === null) {
    await db
      .delete(manualScores)
      .where(
        and(
          eq(manualScores.organizationId, key.organizationId),
          eq(manualScores.month, key.month),
          eq(manualScores.track, key.track),
          eq(manualScores.metric, key.metric),
        ),
      );
    return;
  }
  const now = new Date();
  await db
    .insert(manualScores)
    .values({ ...key, points, enteredBy: userId, enteredAt: now })
    .onConflictDoUpdate({
      target: [manualScores.organizationId, manualScores.month, manualScores.track, manualScores.metric],
      set: { points, enteredBy: userId, enteredAt: now },
    });
}
