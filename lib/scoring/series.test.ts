/** The snapshot series gives what the simple path gives: scoreAggregates, describeTenant and the insights. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Aggregates } from "./aggregate";
import { decodeExtra, detailFromFigures, encodeExtra } from "./figures";
import { nearMisses, snapshotInsights } from "./insights";
import { getRuleSet } from "./rules";
import { azureRowArbitrary, m365RowArbitrary, tenantIds, WORKLOADS } from "./row-arbitraries";
import { scoreAggregates } from "./score";
import { MonthTally, SnapshotSeries } from "./series";
import type { AzureRow, M365Row } from "./types";
import { windowsFor } from "./windows";

const MONTHS = [
  "2023-12",
  "2024-09",
  "2024-11",
  "2025-03",
  "2025-10",
  "2025-11",
  "2026-04",
  "2026-09",
  "2026-10",
  "2026-11",
  "2027-02",
];
const SNAPSHOT_MONTHS = ["2024-10", "2025-10", "2025-11", "2026-04", "2026-09", "2026-10", "2026-11"];
const azureRow = azureRowArbitrary({ months: MONTHS, tenants: tenantIds, names: ["", "Contoso", "Fabrikam"] });
const m365Row = m365RowArbitrary(
  { months: MONTHS, tenants: tenantIds, names: ["", "Northwind"] },
  fc.constantFrom(0, 1, 3, 4, 5, 150, 250, 300, 301, 350),
);

/** Few tenants, workloads and unit values: peaks tie across months and workloads. */
const denseM365Row = fc.record({
  tenantId: fc.constantFrom(...tenantIds.slice(0, 2)),
  customerName: fc.constant(""),
  month: fc.constantFrom(...MONTHS),
  workload: fc.constantFrom(...WORKLOADS.slice(0, 2)),
  associationType: fc.constant("CPOR"),
  paidUnits: fc.constantFrom(3, 5, 301),
  monthlyActiveUsers: fc.constant(null),
  line: fc.constant(0),
}) as fc.Arbitrary<M365Row>;

const dataset = fc.oneof(
  fc.record({ azure: fc.array(azureRow, { maxLength: 60 }), m365: fc.array(m365Row, { maxLength: 60 }) }),
  fc.record({ azure: fc.array(azureRow, { maxLength: 10 }), m365: fc.array(denseM365Row, { maxLength: 30 }) }),
);
const rules = fc.constantFrom("security-2025", "security-2026");
const basis = fc.constantFrom("any-month" as const, "last-month" as const);

describe("snapshot series", () => {
  it("equals scoreAggregates, describeTenant and the insights for every month", () => {
    fc.assert(
      fc.property(dataset, rules, basis, ({ azure, m365 }, r, b) => {
        const aggregates = new Aggregates(getRuleSet(r));
        for (const row of azure) aggregates.addAzureRow(row);
        for (const row of m365) aggregates.addM365Row(row);
        const series = new SnapshotSeries(aggregates, b);
        for (const month of SNAPSHOT_MONTHS) {
          const expected = scoreAggregates(aggregates, { month, m365Basis: b, details: true });
          const { customers, ...summary } = expected;
          const options = { month, m365Basis: b };
          const got = series.score(month);
          expect(got.result).toEqual(summary);
          expect(got.insights).toEqual(snapshotInsights(expected, aggregates, options));
          const figures = [...series.figures(month)];
          // Every tenant with rows in M-23 … M (the snapshot's inputs), as describeTenant explains it.
          const windows = windowsFor(month, 12);
          const inInputs = (id: string) => {
            const t = aggregates.tenants.get(id)!;
            return [...t.azure.keys(), ...t.m365.keys()].some(
              (i) => i >= windows.previous.from && i <= windows.current.to,
            );
          };
          const explained = customers!.filter((c) => inInputs(c.tenantId));
          expect(figures.map((f) => detailFromFigures(f, aggregates.ruleSet))).toEqual(explained);
          // The others count nowhere.
          for (const c of customers!.filter((c) => !inInputs(c.tenantId))) {
            expect(
              [c.tracks.enterprise, c.tracks.smb].every(
                (t) => t.azure === "not-qualifying" && t.m365 === "not-qualifying",
              ),
            ).toBe(true);
          }
          // Stored and read back: the same explanation.
          const stored = figures.map((f) => ({ ...f, extra: decodeExtra(encodeExtra(f.extra)) }));
          expect(stored.map((f) => detailFromFigures(f, aggregates.ruleSet))).toEqual(explained);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("scored in chunks of tenants (as the recompute scores them), gives what one series of them all gives", () => {
    fc.assert(
      fc.property(dataset, rules, basis, fc.integer({ min: 1, max: 4 }), ({ azure, m365 }, r, b, size) => {
        const ruleSet = getRuleSet(r);
        const all = new Aggregates(ruleSet);
        for (const row of azure) all.addAzureRow(row);
        for (const row of m365) all.addM365Row(row);
        // Runs of `size` tenants in tenant id order, each with only its own tenants' rows (and so its own months).
        const ids = [...all.tenants.keys()].sort();
        const chunks: Aggregates[] = [];
        for (let i = 0; i < ids.length; i += size) {
          const chunk = new Aggregates(ruleSet);
          const members = new Set(ids.slice(i, i + size));
          for (const row of azure) if (members.has(row.tenantId)) chunk.addAzureRow(row);
          for (const row of m365) if (members.has(row.tenantId)) chunk.addM365Row(row);
          chunks.push(chunk);
        }
        const whole = new SnapshotSeries(all, b);
        const parts = chunks.map((c) => new SnapshotSeries(c, b));
        for (const month of SNAPSHOT_MONTHS) {
          const tally = new MonthTally(ruleSet, month, b);
          for (const part of parts) part.tally(tally);
          expect(tally.finish()).toEqual(whole.score(month));
          expect(parts.flatMap((part) => [...part.figures(month)])).toEqual([...whole.figures(month)]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("refuses a tally of another rule set or basis", () => {
    const series = new SnapshotSeries(new Aggregates(getRuleSet("security-2025")), "any-month");
    expect(() => series.tally(new MonthTally(getRuleSet("security-2026"), "2026-10", "any-month"))).toThrow();
    expect(() => series.tally(new MonthTally(getRuleSet("security-2025"), "2026-10", "last-month"))).toThrow();
  });

  it("near misses do not depend on the order rows arrive in (a tie between workloads included)", () => {
    const row = (workload: string): M365Row => ({
      tenantId: tenantIds[0]!,
      customerName: "",
      month: "2026-05",
      workload,
      associationType: "CPOR",
      paidUnits: 3,
      monthlyActiveUsers: null,
      line: 0,
    });
    const misses = (rows: M365Row[]) => {
      const aggregates = new Aggregates(getRuleSet("security-2025"));
      for (const r of rows) aggregates.addM365Row(r);
      return nearMisses(aggregates, { month: "2026-10" });
    };
    const rows = [row("Microsoft Intune"), row("Microsoft Defender for Office 365")];
    expect(misses(rows)).toEqual(misses([...rows].reverse()));
    expect(misses(rows)[0]).toMatchObject({ workload: "Microsoft Defender for Office 365", units: 3, unitsNeeded: 2 });
  });

  it("stays exact for amounts beyond a double's integers (BigInt prefix sums)", () => {
    const row = (tenantId: string, month: string, acr: bigint): AzureRow => ({
      tenantId,
      customerName: "",
      month,
      service: "Key Vault",
      offer: null,
      associationType: "PAL",
      acr,
      duplicate: false,
      line: 0,
    });
    const aggregates = new Aggregates(getRuleSet("security-2025"));
    // Near 2^60 doubles step by 256 micro-dollars: $599.999999 would round to $600.00 and qualify.
    aggregates.addAzureRow(row(tenantIds[0]!, "2026-01", 2n ** 60n + 599_999_999n));
    aggregates.addAzureRow(row(tenantIds[0]!, "2026-02", -(2n ** 60n)));
    aggregates.addAzureRow(row(tenantIds[1]!, "2026-02", 2n ** 60n + 600_000_001n));
    aggregates.addAzureRow(row(tenantIds[1]!, "2026-03", -(2n ** 60n)));
    const series = new SnapshotSeries(aggregates, "any-month");
    // 2026-02 ends a window between the second tenant's rows: the figures show the huge amount to the micro-dollar.
    for (const month of ["2026-02", "2026-03", "2026-10"]) {
      const { customers, ...result } = scoreAggregates(aggregates, { month, details: true });
      expect(series.score(month).result).toEqual(result);
      expect([...series.figures(month)].map((f) => detailFromFigures(f, aggregates.ruleSet))).toEqual(customers);
    }
    expect(scoreAggregates(aggregates, { month: "2026-10" }).tracks.enterprise.azure.current).toBe(1);
  });

  it("has no tenants and zero counts without data", () => {
    const series = new SnapshotSeries(new Aggregates(getRuleSet("security-2025")), "any-month");
    expect([...series.figures("2026-10")]).toEqual([]);
    expect(series.score("2026-10").result).toEqual(
      scoreAggregates(new Aggregates(getRuleSet("security-2025")), { month: "2026-10" }),
    );
  });
});
