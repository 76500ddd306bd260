import { describe, expect, it } from "vitest";
import { azureCsv, m365Csv, scoreTexts, tenant } from "./test-support";

describe("per-tenant explanations (--details)", () => {
  it("a gained Azure tenant with excluded amounts by reason", async () => {
    const result = await scoreTexts({
      details: true,
      azure: azureCsv([
        { acr: "540.00", month: "2025-03" },
        { acr: "700", month: "2026-02" },
        { acr: "10", service: "Virtual Machines" },
        { acr: "20", offer: "Free Trial" },
        { acr: "30", association: "CPOR" },
        { acr: "40", duplicate: "1" },
        { acr: "50", month: "2026-11" },
        { acr: "1", month: "2023-01", service: "Virtual Machines" },
      ]),
    });
    const [c] = result.customers!;
    expect(c.tracks.enterprise).toEqual({ azure: "gained", m365: "not-qualifying", net: 1 });
    expect(c.azure.current).toEqual({ eligibleAcr: "700.00", shortfall: "0.00", qualifies: true });
    expect(c.azure.previous).toEqual({ eligibleAcr: "540.00", shortfall: "60.00", qualifies: false });
    expect(c.azure.excluded).toEqual({
      service: "10.00",
      offer: "20.00",
      associationType: "30.00",
      duplicate: "40.00",
      afterDataMonth: "50.00",
    });
  });

  it("peak paid units per eligible workload, lost and retained statuses, SMB stickiness", async () => {
    const result = await scoreTexts({
      rules: "security-2026",
      details: true,
      m365: m365Csv([
        { month: "2025-05", units: "250" },
        { month: "2026-05", units: "350" },
        { month: "2026-06", units: "350" },
        { month: "2026-06", units: "400", workload: "MDO" },
        { month: "2026-06", units: "999", workload: "MDE P1" },
        { tenant: tenant(2), month: "2025-05", units: "10" },
      ]),
    });
    const [a, b] = result.customers!;
    expect(a.tracks.enterprise.m365).toBe("gained");
    expect(a.tracks.smb.m365).toBe("retained");
    expect(a.m365.current.smbByStickiness).toBe(true);
    expect(a.m365.current.peakUnits).toEqual([
      { workload: "Microsoft Defender for Office 365", units: 400, month: "2026-06" },
      { workload: "Microsoft Intune", units: 350, month: "2026-05" },
    ]);
    expect(a.m365.excludedUnits).toEqual({ workload: 999, associationType: 0, afterDataMonth: 0 });
    expect(b.tracks.smb).toEqual({ azure: "not-qualifying", m365: "lost", net: -1 });
  });
});
