/** Properties of the score: row order, row splitting and rows that cannot count never change it. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Aggregates } from "./aggregate";
import { formatMicros } from "./money";
import { getRuleSet } from "./rules";
import { azureRowArbitrary, m365RowArbitrary, tenantIds } from "./row-arbitraries";
import { scoreAggregates, type ScoreResult } from "./score";
import type { AzureRow, M365Row } from "./types";

const MONTHS = ["2024-09", "2024-11", "2025-03", "2025-10", "2025-11", "2026-04", "2026-10", "2026-11"];
const WORKLOADS = [
  "Microsoft Intune",
  "Microsoft Defender for Office 365",
  "Microsoft Defender for Endpoint P2",
  "Exchange Online",
];
const tenants = tenantIds.slice(0, 5);
const azureRow = azureRowArbitrary({ months: MONTHS, tenants, names: [""] });
const m365Row = m365RowArbitrary({ months: MONTHS, tenants, names: [""] }, fc.integer({ min: 0, max: 400 }), WORKLOADS);

const dataset = fc.record({ azure: fc.array(azureRow, { maxLength: 40 }), m365: fc.array(m365Row, { maxLength: 40 }) });
const rules = fc.constantFrom("security-2025", "security-2026");
const basis = fc.constantFrom("any-month" as const, "last-month" as const);

function score(
  azure: AzureRow[],
  m365: M365Row[],
  ruleSet: string,
  m365Basis: "any-month" | "last-month",
  details = false,
): ScoreResult {
  const aggregates = new Aggregates(getRuleSet(ruleSet));
  for (const row of azure) aggregates.addAzureRow(row);
  for (const row of m365) aggregates.addM365Row(row);
  return scoreAggregates(aggregates, { month: "2026-10", m365Basis, details });
}

const RUNS = { numRuns: 60 };

describe("score properties", () => {
  it("shuffling rows never changes the result", () => {
    fc.assert(
      fc.property(dataset, rules, basis, fc.integer(), ({ azure, m365 }, r, b, seed) => {
        const shuffle = <T>(rows: T[]) => {
          const copy = [...rows];
          let s = seed >>> 0;
          for (let i = copy.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            const j = s % (i + 1);
            [copy[i], copy[j]] = [copy[j], copy[i]];
          }
          return copy;
        };
        expect(score(shuffle(azure), shuffle(m365), r, b)).toEqual(score(azure, m365, r, b));
      }),
      RUNS,
    );
  });

  it("splitting one row into two with the same sum never changes the result", () => {
    fc.assert(
      fc.property(
        dataset,
        rules,
        basis,
        fc.nat(),
        fc.bigInt({ min: -1_000_000_000n, max: 1_000_000_000n }),
        ({ azure, m365 }, r, b, at, part) => {
          const before = score(azure, m365, r, b);
          if (azure.length > 0) {
            const i = at % azure.length;
            const row = azure[i];
            const split = [
              ...azure.slice(0, i),
              { ...row, acr: part },
              { ...row, acr: row.acr - part },
              ...azure.slice(i + 1),
            ];
            expect(score(split, m365, r, b)).toEqual(before);
          }
          if (m365.length > 0) {
            const i = at % m365.length;
            const row = m365[i];
            const first = at % (row.paidUnits + 1);
            const split = [
              ...m365.slice(0, i),
              { ...row, paidUnits: first },
              { ...row, paidUnits: row.paidUnits - first },
              ...m365.slice(i + 1),
            ];
            expect(score(azure, split, r, b)).toEqual(before);
          }
        },
      ),
      RUNS,
    );
  });

  it("adding rows that cannot count never changes the result", () => {
    const uncountableAzure = azureRow.chain((row) =>
      fc
        .constantFrom<Partial<AzureRow>>(
          { service: "Virtual Machines" },
          { offer: "Support" },
          { offer: "Internal" },
          { associationType: "CPOR" },
          { duplicate: true },
          { month: "2026-12" },
          { month: "2023-01" },
        )
        .map((change) => ({ ...row, ...change })),
    );
    const uncountableM365 = m365Row.chain((row) =>
      fc
        .constantFrom<Partial<M365Row>>(
          { workload: "Exchange Online" },
          { associationType: "PAL" },
          { month: "2027-01" },
          { month: "2023-01" },
        )
        .map((change) => ({ ...row, ...change })),
    );
    fc.assert(
      fc.property(
        dataset,
        rules,
        basis,
        fc.array(uncountableAzure, { maxLength: 10 }),
        fc.array(uncountableM365, { maxLength: 10 }),
        ({ azure, m365 }, r, b, extraA, extraM) => {
          const strip = (result: ScoreResult) => result.tracks;
          expect(strip(score([...azure, ...extraA], [...m365, ...extraM], r, b))).toEqual(
            strip(score(azure, m365, r, b)),
          );
        },
      ),
      RUNS,
    );
  });

  it("net = gained - lost, per track and over tenants; points stay within 0…20", () => {
    fc.assert(
      fc.property(dataset, rules, basis, ({ azure, m365 }, r, b) => {
        const result = score(azure, m365, r, b, true);
        for (const track of ["enterprise", "smb"] as const) {
          const t = result.tracks[track];
          expect(t.points).toBeGreaterThanOrEqual(0);
          expect(t.points).toBeLessThanOrEqual(20);
          expect(t.netCustomerAdds).toBe(t.azure.net + t.m365.net);
          for (const source of ["azure", "m365"] as const) {
            const statuses = result.customers!.map((c) => c.tracks[track][source]);
            const gained = statuses.filter((s) => s === "gained").length;
            const lost = statuses.filter((s) => s === "lost").length;
            expect(t[source].net).toBe(gained - lost);
          }
          expect(result.customers!.reduce((n, c) => n + c.tracks[track].net, 0)).toBe(t.netCustomerAdds);
        }
        expect(result.points).toBe(Math.max(result.tracks.enterprise.points, result.tracks.smb.points));
      }),
      RUNS,
    );
  });

  it("money in details is always a decimal string", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (micros) => {
        expect(formatMicros(micros)).toMatch(/^-?\d+\.\d{2,6}$/);
      }),
      RUNS,
    );
  });
});
