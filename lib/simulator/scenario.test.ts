import { describe, expect, it } from "vitest";
import { getRuleSet } from "@/lib/scoring";
import { workloadsOf } from "./base";
import { scenarioProblems, scenarioSchema } from "./scenario";
import { ASSOCIATION_TYPES } from "./simulate";

const T1 = "00000000-0000-4000-8000-000000000001";
const NEW = "00000000-0000-4000-8000-0000000000ff";
const context = {
  baseMonth: "2026-10",
  hasTenant: (id: string) => id === T1,
  workloads: workloadsOf(getRuleSet("security-2026")),
  associationTypes: ASSOCIATION_TYPES,
};
const scenario = (changes: unknown[]) =>
  scenarioSchema.parse({ ruleSet: "security-2026", m365Basis: "any-month", changes });
const problems = (changes: unknown[]) => scenarioProblems(scenario(changes), context).map((p) => p.message);

describe("scenario schema", () => {
  it("accepts money as decimal strings with up to 6 decimals and lower-cases tenant ids", () => {
    const s = scenario([{ kind: "acr", tenantId: T1.toUpperCase(), months: ["2026-10"], amount: "-12.345678" }]);
    expect(s.changes[0]).toMatchObject({ tenantId: T1, amount: "-12.345678" });
  });
  it("refuses a float-looking amount, 7 decimals, zero, and a number instead of a string", () => {
    for (const amount of ["1e3", "1.1234567", "0.00", 12])
      expect(
        scenarioSchema.safeParse({
          ruleSet: "security-2026",
          m365Basis: "any-month",
          changes: [{ kind: "acr", tenantId: T1, months: ["2026-10"], amount }],
        }).success,
      ).toBe(false);
  });
  it("refuses negative or fractional licences, a bad month, an unknown rule set and an empty new customer", () => {
    const bad = [
      { kind: "licences", tenantId: T1, workload: "Microsoft Intune", months: ["2026-10"], units: -1 },
      { kind: "licences", tenantId: T1, workload: "Microsoft Intune", months: ["2026-10"], units: 2.5 },
      { kind: "acr", tenantId: T1, months: ["2026-13"], amount: "5" },
      { kind: "newCustomer", tenantId: NEW, name: "Empty", azure: [], m365: [] },
    ];
    for (const change of bad)
      expect(
        scenarioSchema.safeParse({ ruleSet: "security-2026", m365Basis: "any-month", changes: [change] }).success,
      ).toBe(false);
    expect(scenarioSchema.safeParse({ ruleSet: "security-2099", m365Basis: "any-month", changes: [] }).success).toBe(
      false,
    );
  });
  it("takes at most 200 changes", () => {
    const change = { kind: "acr", tenantId: T1, months: ["2026-10"], amount: "1" };
    const input = (n: number) => ({ ruleSet: "security-2026", m365Basis: "any-month", changes: Array(n).fill(change) });
    expect(scenarioSchema.safeParse(input(200)).success).toBe(true);
    expect(scenarioSchema.safeParse(input(201)).success).toBe(false);
  });
});

describe("scenario checks against the data", () => {
  it("months run from 23 months before the base month to 3 after it", () => {
    expect(problems([{ kind: "acr", tenantId: T1, months: ["2024-11", "2027-01"], amount: "1" }])).toEqual([]);
    expect(problems([{ kind: "acr", tenantId: T1, months: ["2024-10"], amount: "1" }])).toHaveLength(1);
    expect(problems([{ kind: "acr", tenantId: T1, months: ["2027-02"], amount: "1" }])).toHaveLength(1);
  });
  it("a tenant must be in the data, or added as a new customer by an earlier change", () => {
    const customer = { kind: "newCustomer", tenantId: NEW, name: "New", azure: [{ month: "2026-11", amount: "600" }] };
    const acr = { kind: "acr", tenantId: NEW, months: ["2026-11"], amount: "1" };
    expect(problems([acr])).toHaveLength(1);
    expect(problems([customer, acr])).toEqual([]);
    expect(problems([acr, customer])).toHaveLength(1);
  });
  it("a new customer cannot reuse a tenant of the data or be added twice", () => {
    const customer = (id: string) => ({
      kind: "newCustomer",
      tenantId: id,
      name: "X",
      azure: [{ month: "2026-11", amount: "1" }],
    });
    expect(problems([customer(T1)])).toHaveLength(1);
    expect(problems([customer(NEW), customer(NEW)])).toHaveLength(1);
  });
  it("workloads are the rule set's, and only imported tenants move association type", () => {
    expect(
      problems([
        { kind: "licences", tenantId: T1, workload: "Microsoft Defender for Endpoint", months: ["2026-10"], units: 5 },
      ]),
    ).toEqual(["Microsoft Defender for Endpoint is not a workload of security-2026."]);
    expect(
      problems([{ kind: "association", tenantId: T1, source: "azure", associationType: "Reseller" }]),
    ).toHaveLength(1);
    expect(problems([{ kind: "association", tenantId: NEW, source: "m365", associationType: "CPOR" }])).toHaveLength(1);
    expect(problems([{ kind: "association", tenantId: T1, source: "m365", associationType: "CPOR" }])).toEqual([]);
  });
});
