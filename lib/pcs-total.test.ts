import { describe, expect, it } from "vitest";
import { bestTrack, pcsSummary, trackPointsFrom, trackTotal, type TrackPoints } from "./pcs-total";

const full = (
  performance: number,
  skilling: number | null,
  deployments: number | null,
  usageGrowth: number | null,
): TrackPoints => ({
  performance,
  skilling,
  deployments,
  usageGrowth,
});

describe("PCS total of a track", () => {
  it("adds Performance, Skilling, Deployments and Usage growth", () => {
    expect(trackTotal("enterprise", full(20, 40, 20, 20)).total).toBe(100);
    expect(trackTotal("smb", full(8, 30, 10, 12)).total).toBe(60);
  });

  it("qualifies with exactly 70 points and every metric above 0", () => {
    const t = trackTotal("enterprise", full(10, 40, 10, 10));
    expect(t.total).toBe(70);
    expect(t.qualified).toBe(true);
    expect(t.shortfalls).toEqual([]);
  });

  it("does not qualify with 69 points", () => {
    const t = trackTotal("enterprise", full(9, 40, 10, 10));
    expect(t.qualified).toBe(false);
    expect(t.shortfalls).toEqual(["1 more points needed to reach 70"]);
  });

  it("does not qualify with 80 points when net customer adds earn 0", () => {
    const t = trackTotal("smb", full(0, 40, 20, 20));
    expect(t.total).toBe(80);
    expect(t.qualified).toBe(false);
    expect(t.shortfalls).toEqual(["Net customer adds has 0 points"]);
  });

  it("does not qualify when a metric is 0, even above 70", () => {
    expect(trackTotal("smb", full(20, 40, 20, 0)).qualified).toBe(false);
    expect(trackTotal("smb", full(20, 40, 0, 20)).qualified).toBe(false);
    expect(trackTotal("smb", full(20, 0, 20, 20)).qualified).toBe(false);
  });

  it("counts a metric nobody entered as 0 and says it is missing", () => {
    const t = trackTotal("enterprise", full(20, null, 20, 20));
    expect(t.total).toBe(60);
    expect(t.shortfalls).toContain("Skilling has not been entered");
  });
});

describe("the partner's score", () => {
  it("is the higher track's total, not the best metric of each", () => {
    // Enterprise has the better Performance, SMB the better total.
    const s = pcsSummary({ enterprise: full(20, 10, 10, 10), smb: full(8, 40, 20, 20) });
    expect(s.best).toBe("smb");
    expect(s.total).toBe(88);
    expect(s.qualified).toBe(true);
  });

  it("goes to Enterprise on a tie", () => {
    const s = pcsSummary({ enterprise: full(10, 30, 10, 10), smb: full(20, 20, 10, 10) });
    expect(s.tracks.enterprise.total).toBe(60);
    expect(s.tracks.smb.total).toBe(60);
    expect(s.best).toBe("enterprise");
    expect(bestTrack(s.tracks)).toBe("enterprise");
  });

  it("qualifies through a track that qualifies on its own, even when the other track has the higher total", () => {
    // Enterprise has the higher total but no deployments; SMB qualifies.
    const s = pcsSummary({ enterprise: full(20, 40, 0, 20), smb: full(4, 40, 10, 16) });
    expect(s.best).toBe("enterprise");
    expect(s.total).toBe(80);
    expect(s.qualifyingTracks).toEqual(["smb"]);
    expect(s.qualified).toBe(true);
  });

  it("does not qualify when neither track does", () => {
    const s = pcsSummary({ enterprise: full(20, null, null, null), smb: full(20, 40, 20, null) });
    expect(s.qualifyingTracks).toEqual([]);
    expect(s.qualified).toBe(false);
  });
});

describe("track points from a snapshot and hand-entered scores", () => {
  it("takes Performance from the snapshot and each metric from its own entry", () => {
    const p = trackPointsFrom({ enterprise: 10, smb: 16 }, [
      { track: "smb", metric: "skilling", points: 40 },
      { track: "enterprise", metric: "deployments", points: 5 },
    ]);
    expect(p.enterprise).toEqual({ performance: 10, skilling: null, deployments: 5, usageGrowth: null });
    expect(p.smb).toEqual({ performance: 16, skilling: 40, deployments: null, usageGrowth: null });
  });
});
