/**
 * The Partner Capability Score out of 100 (SPEC §1): Performance 20 (net customer adds, from the snapshot),
 * Skilling 40, Customer Success 40 (Deployments 20 + Usage growth 20) — the last three typed in by hand.
 * Pure: the dashboard, the report and the tests all total a track here and nowhere else.
 */
import type { Track } from "@/lib/scoring";

export const MANUAL_METRICS = ["skilling", "deployments", "usageGrowth"] as const;
export type ManualMetric = (typeof MANUAL_METRICS)[number];

/** The most points each metric can carry. */
export const METRIC_MAXIMUM = { performance: 20, skilling: 40, deployments: 20, usageGrowth: 20 } as const;
export const METRIC_LABELS: Record<ManualMetric | "performance", string> = {
  performance: "Net customer adds",
  skilling: "Skilling",
  deployments: "Deployments",
  usageGrowth: "Usage growth",
};
export const QUALIFYING_TOTAL = 70;
export const TRACK_LABELS: Record<Track, string> = { enterprise: "Enterprise", smb: "SMB" };

/** A track's points; a manual metric nobody has entered yet is null (it counts as 0 and blocks qualification). */
export type TrackPoints = { performance: number } & Record<ManualMetric, number | null>;

export type TrackTotal = {
  track: Track;
  points: TrackPoints;
  total: number;
  qualified: boolean;
  /** Why it does not qualify yet, in plain words; empty when it qualifies. */
  shortfalls: string[];
};

export function trackTotal(track: Track, points: TrackPoints): TrackTotal {
  const values = {
    performance: points.performance,
    ...Object.fromEntries(MANUAL_METRICS.map((m) => [m, points[m] ?? 0])),
  } as Record<ManualMetric | "performance", number>;
  const total = Object.values(values).reduce((a, b) => a + b, 0);
  const shortfalls: string[] = [];
  if (total < QUALIFYING_TOTAL)
    shortfalls.push(`${QUALIFYING_TOTAL - total} more points needed to reach ${QUALIFYING_TOTAL}`);
  for (const [metric, value] of Object.entries(values) as [ManualMetric | "performance", number][]) {
    if (value > 0) continue;
    const entered = metric === "performance" || points[metric] !== null;
    shortfalls.push(`${METRIC_LABELS[metric]} ${entered ? "has 0 points" : "has not been entered"}`);
  }
  return { track, points, total, qualified: shortfalls.length === 0, shortfalls };
}

/** The partner's score is the higher track's total, never mixed metric by metric; a tie goes to Enterprise. */
export function bestTrack(totals: Record<Track, TrackTotal>): Track {
  return totals.smb.total > totals.enterprise.total ? "smb" : "enterprise";
}

export type PcsSummary = {
  tracks: Record<Track, TrackTotal>;
  best: Track;
  total: number;
  /** The tracks that qualify on their own (an attainment path is enough), Enterprise first. */
  qualifyingTracks: Track[];
  qualified: boolean;
};

/**
 * The score is the best track's total (SPEC §1). The designation is reached through an attainment path, so the
 * partner qualifies when either track qualifies on its own — even if the other track has the higher total.
 */
export function pcsSummary(points: Record<Track, TrackPoints>): PcsSummary {
  const tracks = { enterprise: trackTotal("enterprise", points.enterprise), smb: trackTotal("smb", points.smb) };
  const best = bestTrack(tracks);
  const qualifyingTracks = (["enterprise", "smb"] as const).filter((t) => tracks[t].qualified);
  return { tracks, best, total: tracks[best].total, qualifyingTracks, qualified: qualifyingTracks.length > 0 };
}

/** A track's points: Performance from the stored snapshot, the rest from what was entered by hand (null if not). */
export function trackPointsFrom(
  performance: Record<Track, number>,
  entries: { track: string; metric: string; points: number }[],
): Record<Track, TrackPoints> {
  const of = (track: Track): TrackPoints => {
    const value = (metric: ManualMetric) =>
      entries.find((e) => e.track === track && e.metric === metric)?.points ?? null;
    return {
      performance: performance[track],
      skilling: value("skilling"),
      deployments: value("deployments"),
      usageGrowth: value("usageGrowth"),
    };
  };
  return { enterprise: of("enterprise"), smb: of("smb") };
}
