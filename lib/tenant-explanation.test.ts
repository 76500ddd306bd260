import { describe, expect, it } from "vitest";
import { getRuleSet } from "@/lib/scoring";
import { azureSentence, m365Sentence } from "./tenant-explanation";
import type { CustomerDetail } from "./snapshot-view";

const rules = getRuleSet("security-2025").data;

function detail(over: {
  acr?: string;
  shortfall?: string;
  qualifies?: boolean;
  peak?: { workload: string; units: number; month: string }[];
  ent?: boolean;
  smb?: boolean;
}): CustomerDetail {
  const window = {
    eligibleAcr: over.acr ?? "0.00",
    shortfall: over.shortfall ?? "600.00",
    qualifies: over.qualifies ?? false,
  };
  return {
    tenantId: "00000000-0000-4000-8000-000000000001",
    name: "Contoso",
    tracks: {
      enterprise: { azure: "not-qualifying", m365: "not-qualifying", net: 0 },
      smb: { azure: "not-qualifying", m365: "not-qualifying", net: 0 },
    },
    azure: {
      current: window,
      previous: { eligibleAcr: "0.00", shortfall: "600.00", qualifies: false },
      excluded: { service: "0.00", offer: "0.00", associationType: "0.00", duplicate: "0.00", afterDataMonth: "0.00" },
    },
    m365: {
      current: {
        enterprise: over.ent ?? false,
        smb: over.smb ?? false,
        smbByStickiness: false,
        peakUnits: over.peak ?? [],
      },
      previous: { enterprise: false, smb: false, peakUnits: [] },
      excludedUnits: { workload: 0, associationType: 0, afterDataMonth: 0 },
    },
  };
}

describe("tenant explanation", () => {
  it("says how far an Azure tenant is from $600", () => {
    expect(azureSentence(detail({ acr: "540.00", shortfall: "60.00" }), rules)).toBe(
      "$540.00 of eligible Azure spend in the current window — $60.00 short of $600.00; $0.00 in the previous window (did not qualify).",
    );
  });

  it("says a tenant at $600.00 qualifies", () => {
    expect(azureSentence(detail({ acr: "1600.00", shortfall: "0.00", qualifies: true }), rules)).toMatch(
      /^\$1,600\.00 of eligible Azure spend .* at least \$600\.00, so it qualifies/,
    );
  });

  it("names the peak workload and its band", () => {
    const d = detail({ peak: [{ workload: "Microsoft Intune", units: 250, month: "2026-03" }], smb: true });
    expect(m365Sentence(d, rules)).toBe(
      "Peak of 250 paid Microsoft Intune licences (2026-03) in the current window — 5–300: SMB. Qualifies for SMB.",
    );
    const small = detail({ peak: [{ workload: "Microsoft Intune", units: 4, month: "2026-03" }] });
    expect(m365Sentence(small, rules)).toMatch(/1 short of the 5 SMB needs\. Qualifies for no track\.$/);
  });
});
