import { describe, expect, it } from "vitest";
import { atRiskNextMonth, gapToMaximum, nearMisses, projectNextMonth } from "./insights";
import { scoreAggregates } from "./score";
import { azureCsv, loadTexts, m365Csv, tenant } from "./test-support";

async function load(options: { azure?: string; m365?: string; rules?: string }) {
  const loaded = await loadTexts(options);
  if (!loaded.ok) throw new Error("rejected");
  return loaded.aggregates;
}
const month = "2026-10";

describe("gap to maximum", () => {
  it("net adds still needed per track for 20 points", async () => {
    const aggregates = await load({ azure: azureCsv([{ tenant: tenant(1) }, { tenant: tenant(2) }]) });
    const gap = gapToMaximum(scoreAggregates(aggregates, { month }), aggregates);
    expect(gap.enterprise).toEqual({ netCustomerAdds: 2, points: 4, netAddsNeeded: 8 });
    expect(gap.smb).toEqual({ netCustomerAdds: 2, points: 8, netAddsNeeded: 3 });
  });

  it("is zero once the maximum is reached, and counts lost customers back", async () => {
    const six = await load({ azure: azureCsv(Array.from({ length: 6 }, (_, i) => ({ tenant: tenant(i + 1) }))) });
    expect(gapToMaximum(scoreAggregates(six, { month }), six).smb.netAddsNeeded).toBe(0);
    const lost = await load({ azure: azureCsv([{ month: "2025-01" }]) });
    expect(gapToMaximum(scoreAggregates(lost, { month }), lost).enterprise.netAddsNeeded).toBe(11);
  });
});

describe("near misses", () => {
  it("Azure tenants not qualifying with at least $480 of eligible spend", async () => {
    const aggregates = await load({
      azure: azureCsv([
        { tenant: tenant(1), acr: "480.00" },
        { tenant: tenant(2), acr: "479.99" },
        { tenant: tenant(3), acr: "600.00" },
        { tenant: tenant(4), acr: "599.99" },
      ]),
    });
    expect(nearMisses(aggregates, { month })).toEqual([
      { tenantId: tenant(1), name: "Customer", source: "azure", eligibleAcr: "480.00", shortfall: "120.00" },
      { tenantId: tenant(4), name: "Customer", source: "azure", eligibleAcr: "599.99", shortfall: "0.01" },
    ]);
  });

  it("M365 tenants whose peak eligible workload has 1 to 4 paid units", async () => {
    const aggregates = await load({
      m365: m365Csv([
        { tenant: tenant(1), units: "4", month: "2026-03" },
        { tenant: tenant(1), units: "2", month: "2026-04" },
        { tenant: tenant(2), units: "1" },
        { tenant: tenant(3), units: "0" },
        { tenant: tenant(4), units: "5" },
        { tenant: tenant(5), units: "4", workload: "Exchange Online" },
      ]),
    });
    expect(nearMisses(aggregates, { month })).toEqual([
      {
        tenantId: tenant(1),
        name: "Customer",
        source: "m365",
        workload: "Microsoft Intune",
        units: 4,
        month: "2026-03",
        unitsNeeded: 1,
      },
      {
        tenantId: tenant(2),
        name: "Customer",
        source: "m365",
        workload: "Microsoft Intune",
        units: 1,
        month: "2026-05",
        unitsNeeded: 4,
      },
    ]);
  });
});

describe("at risk next month", () => {
  it("tenants qualifying only thanks to the oldest month of the window", async () => {
    const aggregates = await load({
      azure: azureCsv([
        { tenant: tenant(1), month: "2025-11", acr: "600" },
        { tenant: tenant(2), month: "2025-11", acr: "300" },
        { tenant: tenant(2), month: "2026-01", acr: "300" },
        { tenant: tenant(3), month: "2025-12", acr: "600" },
      ]),
      m365: m365Csv([
        { tenant: tenant(4), month: "2025-11", units: "50" },
        { tenant: tenant(5), month: "2025-12", units: "50" },
      ]),
    });
    expect(atRiskNextMonth(aggregates, { month })).toEqual([
      {
        tenantId: tenant(1),
        name: "Customer",
        source: "azure",
        tracks: ["enterprise", "smb"],
        eligibleAcrNextMonth: "0.00",
      },
      {
        tenantId: tenant(2),
        name: "Customer",
        source: "azure",
        tracks: ["enterprise", "smb"],
        eligibleAcrNextMonth: "300.00",
      },
      { tenantId: tenant(4), name: "Customer", source: "m365", tracks: ["smb"] },
    ]);
  });

  it("under the last-month basis every M365 tenant is at risk without new data", async () => {
    const aggregates = await load({ m365: m365Csv([{ month: "2026-10", units: "400" }]) });
    expect(atRiskNextMonth(aggregates, { month, m365Basis: "last-month" })).toEqual([
      { tenantId: tenant(1), name: "Customer", source: "m365", tracks: ["enterprise"] },
    ]);
  });
});

describe("next month's projection", () => {
  it("moves both windows by one month and ignores data after the data month", async () => {
    const aggregates = await load({
      azure: azureCsv([
        { tenant: tenant(1), month: "2025-11" },
        { tenant: tenant(2), month: "2026-05" },
        { tenant: tenant(3), month: "2024-11" },
        { tenant: tenant(4), month: "2026-11" },
      ]),
    });
    const now = scoreAggregates(aggregates, { month });
    expect(now.tracks.enterprise.azure).toEqual({ current: 2, previous: 1, net: 1 });
    const next = projectNextMonth(aggregates, { month });
    expect(next.month).toBe("2026-11");
    expect(next.windows.current).toEqual({ from: "2025-12", to: "2026-11" });
    // Tenant 1 moves to the previous window, tenant 3 leaves it, tenant 4's November row is "new data": ignored.
    expect(next.tracks.enterprise.azure).toEqual({ current: 1, previous: 1, net: 0 });
    expect(next.tracks.enterprise.points).toBe(0);
  });
});
