/**
 * What one data refresh changed, as the e-mail and the webhook tell it (issue 15): the score per track and its
 * change since the snapshot before, tenants gained and lost, tenants newly at risk next month and the nearest
 * misses. Built from two stored snapshots (their results, insights and status counts), so it is computed once
 * per refresh and every recipient gets the same numbers. Pure.
 */
import type { AtRisk, NearMiss, ScoreResult, Track } from "@/lib/scoring";
import { parseMicros } from "@/lib/scoring";

export const SUMMARY_LIST_LIMIT = 5;

/** A snapshot as the summary reads it. Status counts per column: azure, m365-enterprise, m365-smb. */
export type SummarySnapshot = {
  month: string;
  result: ScoreResult;
  atRisk: AtRisk[];
  nearMisses: NearMiss[];
  statusCounts: Record<"azure" | "m365-enterprise" | "m365-smb", Partial<Record<string, number>>>;
};

export type TrackChange = {
  points: number;
  pointsChange: number | null;
  netAdds: number;
  netAddsChange: number | null;
  /** Tenants counting +1 (gained) and −1 (lost) on this track, Azure and the track's M365 together. */
  gained: number;
  lost: number;
};

export type RefreshSummary = {
  month: string;
  /** The snapshot compared with: the same month's previous version, or the month before; null the first time. */
  previousMonth: string | null;
  bestTrack: Track;
  points: number;
  tracks: Record<Track, TrackChange>;
  newlyAtRisk: AtRisk[];
  newlyAtRiskTotal: number;
  nearestMisses: NearMiss[];
  nearMissTotal: number;
};

const TRACK_M365 = { enterprise: "m365-enterprise", smb: "m365-smb" } as const;

export function buildRefreshSummary(current: SummarySnapshot, previous: SummarySnapshot | null): RefreshSummary {
  const track = (t: Track): TrackChange => {
    const now = current.result.tracks[t];
    const before = previous?.result.tracks[t];
    const n = (column: keyof SummarySnapshot["statusCounts"], status: string) =>
      current.statusCounts[column][status] ?? 0;
    return {
      points: now.points,
      pointsChange: before ? now.points - before.points : null,
      netAdds: now.netCustomerAdds,
      netAddsChange: before ? now.netCustomerAdds - before.netCustomerAdds : null,
      gained: n("azure", "gained") + n(TRACK_M365[t], "gained"),
      lost: n("azure", "lost") + n(TRACK_M365[t], "lost"),
    };
  };
  const key = (r: { tenantId: string; source: string }) => `${r.source}:${r.tenantId}`;
  const wasAtRisk = new Set((previous?.atRisk ?? []).map(key));
  const newlyAtRisk = current.atRisk.filter((r) => !wasAtRisk.has(key(r)));
  const nearest = [...current.nearMisses].sort(closerFirst);
  return {
    month: current.month,
    previousMonth: previous?.month ?? null,
    bestTrack: current.result.bestTrack,
    points: current.result.points,
    tracks: { enterprise: track("enterprise"), smb: track("smb") },
    newlyAtRisk: newlyAtRisk.slice(0, SUMMARY_LIST_LIMIT),
    newlyAtRiskTotal: newlyAtRisk.length,
    nearestMisses: nearest.slice(0, SUMMARY_LIST_LIMIT),
    nearMissTotal: current.nearMisses.length,
  };
}

/**
 * Nearest first: Azure by the dollars short of the threshold, Microsoft 365 by the licences short (an Azure miss
 * before an M365 one at equal rank, as the dashboard lists them), then by name for a stable order.
 */
function closerFirst(a: NearMiss, b: NearMiss): number {
  if (a.source !== b.source) return a.source === "azure" ? -1 : 1;
  const d =
    a.source === "azure" && b.source === "azure"
      ? Number(parseMicros(a.shortfall)! - parseMicros(b.shortfall)!)
      : (a as { unitsNeeded: number }).unitsNeeded - (b as { unitsNeeded: number }).unitsNeeded;
  return d !== 0 ? Math.sign(d) : a.name.localeCompare(b.name);
}
