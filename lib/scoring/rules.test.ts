/** The rules of SPEC §2, one behaviour per test, each through the real readers. Data month 2026-10. */
import { describe, expect, it } from "vitest";
import { azureCsv, m365Csv, scoreTexts, tenant } from "./test-support";

const azureCount = async (csv: string, rules = "security-2025") =>
  (await scoreTexts({ azure: csv, rules })).tracks.enterprise.azure;
const m365Counts = async (csv: string, rules = "security-2025", basis: "any-month" | "last-month" = "any-month") => {
  const r = await scoreTexts({ m365: csv, rules, basis });
  return { enterprise: r.tracks.enterprise.m365, smb: r.tracks.smb.m365 };
};

describe("Azure qualification", () => {
  it("a tenant with $599.99 of eligible spend does not qualify", async () => {
    expect((await azureCount(azureCsv([{ acr: "599.99" }]))).current).toBe(0);
  });

  it("a tenant with exactly $600.00 qualifies", async () => {
    expect((await azureCount(azureCsv([{ acr: "600.00" }]))).current).toBe(1);
  });

  it("sums exactly: 6,000 rows of 0.10 make 600.00", async () => {
    expect((await azureCount(azureCsv(Array.from({ length: 6000 }, () => ({ acr: "0.10" }))))).current).toBe(1);
  });

  it("counts credits (negative amounts)", async () => {
    expect((await azureCount(azureCsv([{ acr: "700" }, { acr: "-100.01" }]))).current).toBe(0);
    expect((await azureCount(azureCsv([{ acr: "700" }, { acr: "-100" }]))).current).toBe(1);
  });

  it("sums one tenant over the months of the window and across services", async () => {
    const csv = azureCsv([
      { month: "2025-11", acr: "300", service: "Key Vault" },
      { month: "2026-10", acr: "300", service: "Azure Firewall" },
    ]);
    expect((await azureCount(csv)).current).toBe(1);
  });

  it("compares tenant GUIDs case-insensitively", async () => {
    const csv = azureCsv([
      { tenant: tenant(7).toUpperCase(), acr: "300" },
      { tenant: tenant(7), acr: "300" },
    ]);
    expect((await azureCount(csv)).current).toBe(1);
  });

  it.each([
    ["M-11 (2025-11) is in the current window", "2025-11", 1, 0],
    ["M (2026-10) is in the current window", "2026-10", 1, 0],
    ["M-12 (2025-10) is in the previous window", "2025-10", 0, 1],
    ["M-23 (2024-11) is in the previous window", "2024-11", 0, 1],
    ["M-24 (2024-10) is in neither window", "2024-10", 0, 0],
    ["a month after M (2026-11) is ignored", "2026-11", 0, 0],
  ])("%s", async (_, month, current, previous) => {
    const counts = await azureCount(azureCsv([{ month, acr: "600" }]));
    expect(counts).toEqual({ current, previous, net: current - previous });
  });

  it.each(["Support", "Internal", "Benefit Program", "Trial", "Free Trial", "Benefit", "Benefit Programs"])(
    "offer %j does not count",
    async (offer) => {
      expect((await azureCount(azureCsv([{ offer }]))).current).toBe(0);
    },
  );

  it.each(["Azure Plan", "", "Pay-As-You-Go", "Something New"])("offer %j counts", async (offer) => {
    expect((await azureCount(azureCsv([{ offer }]))).current).toBe(1);
  });

  it("counts every offer when the file has no offer column", async () => {
    const csv =
      "CustomerTenantId,Month,ServiceName,AssociationType,ACR_USD\n" + `${tenant(1)},2026-05,Azure Firewall,PAL,600\n`;
    expect((await azureCount(csv)).current).toBe(1);
  });

  it.each(["PAL", "CSP Tier 1", "CSP Tier 2", "Partner Admin Link", "CSP Direct", "CSP Indirect", "Indirect Reseller"])(
    "Azure association type %j counts",
    async (association) => {
      expect((await azureCount(azureCsv([{ association }]))).current).toBe(1);
    },
  );

  it.each(["CPOR", "Claiming Partner of Record", "", "Reseller"])(
    "Azure association type %j does not count",
    async (association) => {
      expect((await azureCount(azureCsv([{ association }]))).current).toBe(0);
    },
  );

  it.each(["1", "true", "TRUE"])("a row flagged duplicate (%j) does not count", async (duplicate) => {
    expect((await azureCount(azureCsv([{ duplicate }]))).current).toBe(0);
  });

  it.each(["0", "false", "False", ""])("a row not flagged duplicate (%j) counts", async (duplicate) => {
    expect((await azureCount(azureCsv([{ duplicate }]))).current).toBe(1);
  });

  it("a non-security service does not count", async () => {
    expect((await azureCount(azureCsv([{ service: "Virtual Machines" }]))).current).toBe(0);
  });

  it("Network Watcher counts in 2025 but not in 2026; Microsoft Entra counts in 2026 only", async () => {
    expect((await azureCount(azureCsv([{ service: "Network Watcher" }]), "security-2025")).current).toBe(1);
    expect((await azureCount(azureCsv([{ service: "Network Watcher" }]), "security-2026")).current).toBe(0);
    expect((await azureCount(azureCsv([{ service: "Microsoft Entra" }]), "security-2025")).current).toBe(0);
    expect((await azureCount(azureCsv([{ service: "Microsoft Entra" }]), "security-2026")).current).toBe(1);
  });

  it("Microsoft Defender for Cloud is not Azure Defender under security-2025", async () => {
    expect((await azureCount(azureCsv([{ service: "Microsoft Defender for Cloud" }]), "security-2025")).current).toBe(
      0,
    );
    expect((await azureCount(azureCsv([{ service: "Azure Defender" }]), "security-2025")).current).toBe(1);
  });

  it("an alias service name counts as its canonical service", async () => {
    expect((await azureCount(azureCsv([{ service: "Azure Sentinel" }]), "security-2026")).current).toBe(1);
    expect((await azureCount(azureCsv([{ service: "azure-key-vault" }]), "security-2025")).current).toBe(1);
  });
});

describe("M365 qualification", () => {
  it.each([
    ["4", 0, 0],
    ["5", 0, 1],
    ["300", 0, 1],
    ["301", 1, 0],
    ["5000", 1, 0],
  ])("%s paid units: Enterprise %i, SMB %i", async (units, enterprise, smb) => {
    const c = await m365Counts(m365Csv([{ units }]));
    expect(c.enterprise.current).toBe(enterprise);
    expect(c.smb.current).toBe(smb);
  });

  it("sums units of one workload in one month (several rows)", async () => {
    const c = await m365Counts(m365Csv([{ units: "200" }, { units: "101" }]));
    expect(c.enterprise.current).toBe(1);
  });

  it("never sums across workloads: 200 Intune + 200 Defender for Office 365 is SMB only", async () => {
    const c = await m365Counts(
      m365Csv([{ units: "200" }, { workload: "Microsoft Defender for Office 365", units: "200" }]),
    );
    expect(c.enterprise.current).toBe(0);
    expect(c.smb.current).toBe(1);
  });

  it("never sums across months: 3 + 3 in two months is nothing", async () => {
    const c = await m365Counts(
      m365Csv([
        { month: "2026-04", units: "3" },
        { month: "2026-05", units: "3" },
      ]),
    );
    expect(c.smb.current).toBe(0);
  });

  it("a tenant can be SMB and Enterprise in the same window", async () => {
    const c = await m365Counts(
      m365Csv([
        { month: "2026-01", units: "50" },
        { month: "2026-05", units: "400" },
      ]),
    );
    expect(c.enterprise.current).toBe(1);
    expect(c.smb.current).toBe(1);
  });

  it("security-2025 adds the units of every Defender for Endpoint plan together", async () => {
    const csv = m365Csv([
      { workload: "MDE P1", units: "200" },
      { workload: "Defender for Endpoint Plan 2", units: "101" },
    ]);
    expect((await m365Counts(csv, "security-2025")).enterprise.current).toBe(1);
  });

  it("security-2026 counts Defender for Endpoint at Plan 2 only", async () => {
    for (const workload of ["Microsoft Defender for Endpoint", "MDE P1", "Defender for Endpoint Plan 1"]) {
      expect((await m365Counts(m365Csv([{ workload, units: "900" }]), "security-2026")).enterprise.current).toBe(0);
    }
    expect(
      (await m365Counts(m365Csv([{ workload: "MDE Plan 2", units: "900" }]), "security-2026")).enterprise.current,
    ).toBe(1);
  });

  it.each(["CPOR", "CSP Tier 1", "CSP Tier 2", "Claiming Partner of Record", "CSP 2-Tier"])(
    "M365 association type %j counts",
    async (association) => {
      expect((await m365Counts(m365Csv([{ association }]))).smb.current).toBe(1);
    },
  );

  it.each(["PAL", "Partner Admin Link", "", "Reseller"])(
    "M365 association type %j does not count",
    async (association) => {
      expect((await m365Counts(m365Csv([{ association }]))).smb.current).toBe(0);
    },
  );

  it("an unknown workload does not count", async () => {
    expect((await m365Counts(m365Csv([{ workload: "Exchange Online" }]))).smb.current).toBe(0);
  });

  it.each([
    ["2025-11", 1, 0],
    ["2025-10", 0, 1],
    ["2024-11", 0, 1],
    ["2024-10", 0, 0],
    ["2026-11", 0, 0],
  ])("window edges: units in %s count current %i, previous %i", async (month, current, previous) => {
    const c = await m365Counts(m365Csv([{ month, units: "50" }]));
    expect(c.smb).toEqual({ current, previous, net: current - previous });
  });

  it("last-month basis: only the last month of each window counts", async () => {
    const early = m365Csv([{ month: "2026-09", units: "50" }]);
    expect((await m365Counts(early, "security-2025", "last-month")).smb.current).toBe(0);
    const last = m365Csv([
      { month: "2026-10", units: "50" },
      { month: "2025-10", units: "50" },
    ]);
    const c = await m365Counts(last, "security-2025", "last-month");
    expect(c.smb).toEqual({ current: 1, previous: 1, net: 0 });
    const notLastOfPrevious = m365Csv([{ month: "2025-09", units: "50" }]);
    expect((await m365Counts(notLastOfPrevious, "security-2025", "last-month")).smb.previous).toBe(0);
  });

  it("SMB stickiness (2026): Enterprise now and SMB before also counts as SMB now", async () => {
    const csv = m365Csv([
      { month: "2025-05", units: "250" },
      { month: "2026-05", units: "350" },
    ]);
    expect((await m365Counts(csv, "security-2026")).smb).toEqual({ current: 1, previous: 1, net: 0 });
    expect((await m365Counts(csv, "security-2025")).smb).toEqual({ current: 0, previous: 1, net: -1 });
  });

  it("SMB stickiness needs SMB in the previous window", async () => {
    const csv = m365Csv([
      { month: "2025-05", units: "2500" },
      { month: "2026-05", units: "350" },
    ]);
    expect((await m365Counts(csv, "security-2026")).smb.current).toBe(0);
  });
});

describe("net adds and points", () => {
  it("a tenant qualifying through Azure and M365 counts once in each", async () => {
    const r = await scoreTexts({ azure: azureCsv([{}]), m365: m365Csv([{ units: "400" }]) });
    expect(r.tracks.enterprise.netCustomerAdds).toBe(2);
    expect(r.tracks.enterprise.points).toBe(4);
  });

  it("points are capped at 20 and floored at 0; ties go to Enterprise", async () => {
    const many = azureCsv(Array.from({ length: 12 }, (_, i) => ({ tenant: tenant(i + 1) })));
    const r = await scoreTexts({ azure: many });
    expect(r.tracks.enterprise.points).toBe(20);
    expect(r.tracks.smb.points).toBe(20);
    expect(r.bestTrack).toBe("enterprise");
    const lost = await scoreTexts({ azure: azureCsv([{ month: "2025-01" }]) });
    expect(lost.tracks.enterprise.netCustomerAdds).toBe(-1);
    expect(lost.points).toBe(0);
  });

  it("picks SMB when it has more points", async () => {
    const r = await scoreTexts({ m365: m365Csv([{ units: "10" }]) });
    expect(r.bestTrack).toBe("smb");
    expect(r.points).toBe(4);
  });
});
