/**
 * The simulator equals the engine: random scenarios on generated data, each compared month by month with
 * `pcs score`'s path (the readers and scoreAggregates) run on CSV files written with the same changes.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDataset } from "@/lib/generator";
import {
  addMonths,
  formatMicros,
  getRuleSet,
  readAzureUsage,
  readM365Licenses,
  type AzureRow,
  type M365Row,
} from "@/lib/scoring";
import { azureCsv, m365Csv, scoreTexts, textInput } from "@/lib/scoring/test-support";
import { workloadsOf } from "./base";
import { baseFromRows } from "./base-from-rows";
import { scenarioSchema, type ScenarioInput } from "./scenario";
import { baseRows, scenarioRows } from "./scenario-rows";
import { ASSOCIATION_TYPES, simulate } from "./simulate";

const MONTH = "2026-06";
let rows: { azure: AzureRow[]; m365: M365Row[] };
let tenants: string[];

beforeAll(async () => {
  let azureText = "";
  let m365Text = "";
  await generateDataset(
    { tenants: 40, months: 28, seed: 16, toMonth: MONTH },
    { azure: (c) => void (azureText += c), m365: (c) => void (m365Text += c) },
  );
  const azure: AzureRow[] = [];
  const m365: M365Row[] = [];
  await readAzureUsage(textInput(azureText), { file: "azure.csv", onRow: (r) => void azure.push(r) });
  await readM365Licenses(textInput(m365Text), { file: "m365.csv", onRow: (r) => void m365.push(r) });
  rows = { azure: baseRows(azure, MONTH), m365: baseRows(m365, MONTH) };
  tenants = [...new Set([...rows.azure, ...rows.m365].map((r) => r.tenantId))].sort();
});

const allMonths = Array.from({ length: 27 }, (_, i) => addMonths(MONTH, i - 23));
const month = fc.constantFrom(...allMonths);
const months = fc.uniqueArray(month, { minLength: 1, maxLength: 4 });
const amount = fc
  .integer({ min: -700_000_000, max: 900_000_000 })
  .filter((v) => v !== 0)
  .map((v) => formatMicros(BigInt(v)));
const units = fc.oneof(
  fc.integer({ min: 0, max: 12 }),
  fc.integer({ min: 295, max: 306 }),
  fc.integer({ min: 0, max: 400 }),
);
const newTenant = (i: number) => `ffffffff-0000-4000-8000-${String(i).padStart(12, "0")}`;

function scenarioArbitrary(ruleSetId: string) {
  const workload = fc.constantFrom(...workloadsOf(getRuleSet(ruleSetId)));
  const tenant = fc.integer({ min: 0, max: 1000 }).map((i) => tenants[i % tenants.length]!);
  const change = fc.oneof(
    fc.record({ kind: fc.constant("acr" as const), tenantId: tenant, months, amount }),
    fc.record({ kind: fc.constant("licences" as const), tenantId: tenant, workload, months, units }),
    fc.record({
      kind: fc.constant("association" as const),
      tenantId: tenant,
      source: fc.constantFrom("azure" as const, "m365" as const),
      associationType: fc.constantFrom(...ASSOCIATION_TYPES),
      fromMonth: fc.option(month, { nil: undefined }),
    }),
    fc.record({
      kind: fc.constant("newCustomer" as const),
      tenantId: fc.constant(""),
      name: fc.constant("New customer"),
      azure: fc.array(fc.record({ month, amount }), { maxLength: 3 }),
      m365: fc.array(fc.record({ month, workload, units }), { maxLength: 3 }),
    }),
  );
  return fc.array(change, { maxLength: 8 }).map((changes) => {
    let added = 0;
    const valid = changes
      .filter((c) => c.kind !== "newCustomer" || c.azure.length + c.m365.length > 0)
      .map((c) => (c.kind === "newCustomer" ? { ...c, tenantId: newTenant(added++) } : c));
    return valid;
  });
}

async function engine(data: { azure: AzureRow[]; m365: M365Row[] }, ruleSet: string, basis: string, month: string) {
  const azure = azureCsv(
    data.azure.map((r) => ({
      tenant: r.tenantId,
      name: r.customerName,
      month: r.month,
      service: r.service,
      offer: r.offer ?? "",
      association: r.associationType,
      acr: formatMicros(r.acr),
      duplicate: r.duplicate ? "1" : "0",
    })),
  );
  const m365 = m365Csv(
    data.m365.map((r) => ({
      tenant: r.tenantId,
      name: r.customerName,
      month: r.month,
      workload: r.workload,
      association: r.associationType,
      units: String(r.paidUnits),
    })),
  );
  return scoreTexts({ azure, m365, rules: ruleSet, month, basis: basis as "any-month" | "last-month" });
}

describe("the simulator equals the engine on files with the same changes", () => {
  for (const ruleSet of ["security-2025", "security-2026"]) {
    it(`random scenarios under ${ruleSet}`, async () => {
      const base = baseFromRows(getRuleSet(ruleSet), MONTH, rows.azure, rows.m365);
      await fc.assert(
        fc.asyncProperty(
          scenarioArbitrary(ruleSet),
          fc.constantFrom("any-month" as const, "last-month" as const),
          async (changes, basis) => {
            const input: ScenarioInput = { ruleSet, m365Basis: basis, changes };
            const scenario = scenarioSchema.parse(input);
            const outcome = simulate(base, scenario);
            if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
            const changed = scenarioRows(rows, scenario, getRuleSet(ruleSet));
            for (const m of outcome.result.months) {
              expect(m.scenario).toEqual(await engine(changed, ruleSet, basis, m.month));
              expect(m.baseline).toEqual(await engine(rows, ruleSet, basis, m.month));
            }
          },
        ),
        { numRuns: 25 },
      );
    }, 120_000);
  }

  it("a plan's steps and new customers reach the maximum points in the plan's month", async () => {
    const ruleSet = "security-2026";
    const base = baseFromRows(getRuleSet(ruleSet), MONTH, rows.azure, rows.m365);
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(ruleSet), fc.constantFrom(0, 1, 2, 3), async (changes, k) => {
        const scenario = scenarioSchema.parse({ ruleSet, m365Basis: "any-month", changes });
        const planMonth = addMonths(MONTH, k);
        const first = simulate(base, scenario, planMonth);
        if (!first.ok) throw new Error(JSON.stringify(first.problems));
        for (const track of ["enterprise", "smb"] as const) {
          const plan = first.result.plan.tracks[track];
          const customers = Array.from({ length: plan.newCustomers }, (_, i) => ({
            kind: "newCustomer" as const,
            tenantId: `eeeeeeee-0000-4000-8000-${String(i).padStart(12, "0")}`,
            name: "Planned",
            azure: [{ month: planMonth, amount: first.result.plan.newCustomerAcr }],
            m365: [],
          }));
          const withPlan = scenarioSchema.parse({
            ...scenario,
            changes: [...scenario.changes, ...plan.steps.map((s) => s.change), ...customers],
          });
          const second = simulate(base, withPlan, planMonth);
          if (!second.ok) throw new Error(JSON.stringify(second.problems));
          const after = second.result.months[k]!.scenario.tracks[track];
          expect(after.points).toBe(20);
          const gained = plan.steps.reduce((n, s) => n + s.gains[track], 0) + plan.newCustomers;
          expect(after.netCustomerAdds).toBe(plan.netCustomerAdds + gained);
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
