import { describe, expect, it } from "vitest";
import { Aggregates, getRuleSet, readAzureUsage, readM365Licenses, scoreAggregates } from "../scoring";
import { generateDataset } from "./generate";
import { mulberry32 } from "./prng";

async function generate(seed: number, options: Partial<Parameters<typeof generateDataset>[0]> = {}) {
  const azure: string[] = [];
  const m365: string[] = [];
  const summary = await generateDataset(
    { tenants: 60, months: 30, seed, toMonth: "2026-10", ...options },
    { azure: (c) => void azure.push(c), m365: (c) => void m365.push(c) },
  );
  return { summary, azure: azure.join(""), m365: m365.join("") };
}

describe("mulberry32", () => {
  it("is deterministic for a seed and within [0, 1)", () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe("generateDataset", () => {
  it("is deterministic for a seed and differs across seeds", async () => {
    const one = await generate(7);
    expect((await generate(7)).azure).toBe(one.azure);
    expect((await generate(8)).azure).not.toBe(one.azure);
  });

  it("writes the shapes of real exports: several rows per tenant and month, names with commas and quotes, a mix of names", async () => {
    const { azure, m365, summary } = await generate(3, { tenants: 200 });
    expect(azure.split("\r\n")[0]).toBe(
      "CustomerTenantId,CustomerName,SubscriptionId,Month,ServiceName,OfferType,AssociationType,ACR_USD,IsACRDuplicateAtPGALevel",
    );
    expect(summary.azureRows).toBeGreaterThan(200 * 10);
    expect(azure).toMatch(/"[^"]*, [^"]*"/);
    expect(azure).toMatch(/""Group""/);
    for (const name of ["Virtual Machines", "Free Trial", "CPOR", "Azure Sentinel"]) expect(azure).toContain(name);
    for (const name of ["Exchange Online", "Microsoft Defender for Endpoint P1", "Claiming Partner of Record"])
      expect(m365).toContain(name);
  });

  it("reads back through the readers without an error and scores", async () => {
    const { azure, m365, summary } = await generate(11, { tenants: 150 });
    const aggregates = new Aggregates(getRuleSet());
    const input = (text: string) =>
      (async function* () {
        yield text;
      })();
    const a = await readAzureUsage(input(azure), { file: "azure.csv", onRow: (r) => aggregates.addAzureRow(r) });
    const m = await readM365Licenses(input(m365), { file: "m365.csv", onRow: (r) => aggregates.addM365Row(r) });
    expect(a.ok && a.summary.rowsRead).toBe(summary.azureRows);
    expect(m.ok && m.summary.rowsRead).toBe(summary.m365Rows);
    const result = scoreAggregates(aggregates, { month: "2026-10" });
    expect(result.tracks.enterprise.azure.current).toBeGreaterThan(0);
  });

  it("cuts at an exact row count", async () => {
    const { summary, azure } = await generate(5, { maxAzureRows: 123, maxM365Rows: 45 });
    expect(summary.azureRows).toBe(123);
    expect(summary.m365Rows).toBe(45);
    expect(azure.trimEnd().split("\r\n")).toHaveLength(124);
  });
});
