import { and, eq, gte, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { manualScores, organizations, snapshots } from "@/db/schema";
import type { WindowMonthInput } from "@/lib/qualification-window";
import type { ScoreResult, Track } from "@/lib/scoring";

/** Performance points (latest snapshot) and hand-entered points of the months `from` … `to`. */
export async function windowInputs(
  db: Db,
  organizationId: string,
  from: string,
  to: string,
): Promise<WindowMonthInput[]> {
  const snaps = await db
    .select({ month: snapshots.month, result: snapshots.result })
    .from(snapshots)
    .where(
      and(
        eq(snapshots.organizationId, organizationId),
        eq(snapshots.latest, true),
        gte(snapshots.month, from),
        lte(snapshots.month, to),
      ),
    );
  const manual = await db
    .select({
      month: manualScores.month,
      track: manualScores.track,
      metric: manualScores.metric,
      points: manualScores.points,
    })
    .from(manualScores)
    .where(
      and(eq(manualScores.organizationId, organizationId), gte(manualScores.month, from), lte(manualScores.month, to)),
    );
  const months = new Set([...snaps.map((s) => s.month), ...manual.map((m) => m.month)]);
  return [...months].map((month) => {
    const snap = snaps.find((s) => s.month === month);
    const result = snap?.result as unknown as ScoreResult | undefined;
    const performance: Record<Track, number> | null = result
      ? { enterprise: result.tracks.enterprise.points, smb: result.tracks.smb.points }
      : null;
    return { month, performance, manual: manual.filter((m) => m.month === month) };
  });
}

export async function setEnrolmentDate(db: Db, organizationId: string, enrolledOn: string | null): Promise<void> {
  await db.update(organizations).set({ enrolledOn }).where(eq(organizations.id, organizationId));
}
