import { describe, expect, it } from "vitest";
import type { ScoreResult } from "@/lib/scoring";
import { composeRefreshMessage } from "./refresh-message";
import { buildRefreshSummary, type SummarySnapshot } from "./refresh-summary";

const T1 = "00000000-0000-4000-8000-000000000001";
const T2 = "00000000-0000-4000-8000-000000000002";
const T3 = "00000000-0000-4000-8000-000000000003";

function result(month: string, ent: [number, number], smb: [number, number]): ScoreResult {
  const track = ([net, points]: [number, number]) => ({
    azure: { current: net, previous: 0, net },
    m365: { current: 0, previous: 0, net: 0 },
    netCustomerAdds: net,
    points,
  });
  return {
    ruleSet: "security-2025",
    month,
    m365Basis: "any-month",
    windows: { current: { from: "2025-11", to: month }, previous: { from: "2024-11", to: "2025-10" } },
    tracks: { enterprise: track(ent), smb: track(smb) },
    bestTrack: smb[1] > ent[1] ? "smb" : "enterprise",
    points: Math.max(ent[1], smb[1]),
  } as ScoreResult;
}

/** Two stored snapshots, as the recompute leaves them: September, then October after the refresh. */
const september: SummarySnapshot = {
  month: "2026-09",
  result: result("2026-09", [2, 4], [2, 8]),
  atRisk: [
    { tenantId: T1, name: "Contoso", source: "azure", tracks: ["enterprise", "smb"], eligibleAcrNextMonth: "550" },
  ],
  nearMisses: [],
  statusCounts: { azure: { gained: 2 }, "m365-enterprise": {}, "m365-smb": {} },
};
const october: SummarySnapshot = {
  month: "2026-10",
  result: result("2026-10", [3, 6], [4, 16]),
  atRisk: [
    { tenantId: T1, name: "Contoso", source: "azure", tracks: ["enterprise", "smb"], eligibleAcrNextMonth: "550" },
    { tenantId: T2, name: "Fabrikam <Ltd>", source: "m365", tracks: ["smb"] },
  ],
  nearMisses: [
    {
      tenantId: T3,
      name: "Tailspin",
      source: "m365",
      workload: "Microsoft Intune",
      units: 3,
      month: "2026-10",
      unitsNeeded: 2,
    },
    { tenantId: T2, name: "Fabrikam <Ltd>", source: "azure", eligibleAcr: "590.5", shortfall: "9.5" },
  ],
  statusCounts: {
    azure: { gained: 3, lost: 1, retained: 2 },
    "m365-enterprise": { lost: 1 },
    "m365-smb": { gained: 2 },
  },
};
const ctx = { organizationName: "Contoso Partner", slug: "contoso", baseUrl: "https://pcp.example.com/" };

describe("the e-mail after a refresh", () => {
  const summary = buildRefreshSummary(october, september);

  it("counts the score per track and its change, and the tenants gained and lost on each track", () => {
    expect(summary.tracks.enterprise).toEqual({
      points: 6,
      pointsChange: 2,
      netAdds: 3,
      netAddsChange: 1,
      gained: 3,
      lost: 2,
    });
    expect(summary.tracks.smb).toEqual({
      points: 16,
      pointsChange: 8,
      netAdds: 4,
      netAddsChange: 2,
      gained: 5,
      lost: 1,
    });
    expect(summary.previousMonth).toBe("2026-09");
  });

  it("lists only the tenants newly at risk, and the nearest misses Azure first", () => {
    expect(summary.newlyAtRisk.map((r) => r.tenantId)).toEqual([T2]);
    expect(summary.nearestMisses.map((m) => m.source)).toEqual(["azure", "m365"]);
  });

  it("plain text says the numbers and links into the portal with absolute URLs", () => {
    const { subject, text } = composeRefreshMessage(summary, ctx);
    expect(subject).toBe("Contoso Partner: 2026-10 data refreshed, 16 Performance points");
    expect(text).toContain("Performance points: 16 (best track: SMB)");
    expect(text).toContain("- Enterprise: 6 of 20 points (+2), +3 net adds (+1); 3 gained, 2 lost");
    expect(text).toContain("- SMB: 16 of 20 points (+8), +4 net adds (+2); 5 gained, 1 lost");
    expect(text).toContain("Tenants newly at risk next month: 1");
    expect(text).toContain(
      `- Fabrikam <Ltd> (Microsoft 365, SMB) https://pcp.example.com/o/contoso/tenants/${T2}?month=2026-10`,
    );
    expect(text).toContain("- Fabrikam <Ltd>: Azure, $9.50 short of $600");
    expect(text).toContain("- Tailspin: Microsoft Intune, 2 more paid licences needed");
    expect(text).toContain("The snapshot: https://pcp.example.com/o/contoso/snapshots/2026-10");
    expect(text).toContain("https://pcp.example.com/account/notifications");
  });

  it("HTML carries the same content, escaped", () => {
    const { html } = composeRefreshMessage(summary, ctx);
    expect(html).toContain("<li>SMB: 16 of 20 points (+8), +4 net adds (+2); 5 gained, 1 lost</li>");
    expect(html).toContain("Fabrikam &lt;Ltd&gt;");
    expect(html).not.toContain("Fabrikam <Ltd>");
    expect(html).toContain(
      `<a href="https://pcp.example.com/o/contoso/snapshots/2026-10">Open the 2026-10 snapshot</a>`,
    );
  });

  it("the first snapshot has no change to show", () => {
    const first = buildRefreshSummary(october, null);
    expect(first.tracks.smb.pointsChange).toBeNull();
    expect(first.newlyAtRiskTotal).toBe(2);
    const { text } = composeRefreshMessage(first, ctx);
    expect(text).toContain("This is the first snapshot.");
    expect(text).toContain("- SMB: 16 of 20 points (new), +4 net adds (new); 5 gained, 1 lost");
  });
});
