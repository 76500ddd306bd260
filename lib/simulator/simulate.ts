/**
 * Runs a scenario on a SimulationBase: the engine's classification (lib/scoring classifyTenant) of the tenants
 * the scenario touches, before and after, adjusts the untouched data's counts. Exact because a tenant's
 * classification reads only its own rows (SMB stickiness included: the hook takes the same tenant's previous
 * window) and the counts are sums over tenants (SPEC §2); a property test checks it against the engine on
 * files written with the same changes (simulate.property.test.ts).
 */
import {
  classifyTenant,
  parseMicros,
  statusOf,
  windowsFor,
  type Micros,
  type Month,
  type ScoreResult,
  type TenantStatus,
} from "@/lib/scoring";
import { resultFromCounts, type WindowCounts } from "@/lib/scoring/score";
import { addCounts, type SimulationBase } from "./base";
import { planFor, type Plan } from "./plan";
import { scenarioProblems, type Scenario, type ScenarioChange, type ScenarioProblem } from "./scenario";
import { applyChanges, toAggregate, type TenantData } from "./tenant-data";

/** One tenant's status that the scenario changes, in one month. */
export interface TenantChange {
  tenantId: string;
  name: string;
  /** A customer the scenario adds. */
  added: boolean;
  month: Month;
  /** "azure" (both tracks) or the M365 track. */
  source: "azure" | "m365-enterprise" | "m365-smb";
  before: TenantStatus;
  after: TenantStatus;
  /** Whether the tenant starts or stops counting in the current window (null: only the previous window moved). */
  counting: "starts" | "stops" | null;
}

export interface SimulationMonth {
  month: Month;
  /** The engine's result on the unchanged data (under the scenario's rule set and basis). */
  baseline: ScoreResult;
  /** The engine's result on the changed data. */
  scenario: ScoreResult;
}

export interface SimulationResult {
  baseMonth: Month;
  ruleSet: string;
  m365Basis: Scenario["m365Basis"];
  months: SimulationMonth[];
  tenantChanges: TenantChange[];
  plan: Plan;
}

export type SimulationOutcome = { ok: true; result: SimulationResult } | { ok: false; problems: ScenarioProblem[] };

/** Micro-dollars of a decimal string the schema has already checked. */
export const amountMicros = (text: string): Micros => parseMicros(text)!;

/**
 * The scenario's results for the base month and the next three, the tenants whose status it changes, and what
 * it would take to reach the maximum points in `planMonth` (default: the month after the base month).
 */
export function simulate(base: SimulationBase, scenario: Scenario, planMonth?: Month): SimulationOutcome {
  if (base.ruleSet.id !== scenario.ruleSet) throw new Error("a base of another rule set");
  const problems = scenarioProblems(scenario, {
    baseMonth: base.baseMonth,
    hasTenant: (id) => base.hasTenant(id),
    workloads: base.workloads,
    associationTypes: ASSOCIATION_TYPES,
  });
  const months = base.months();
  if (planMonth !== undefined && !months.includes(planMonth))
    problems.push({ change: null, message: `Plan for one of ${months.join(", ")}.` });
  if (problems.length > 0) return { ok: false, problems };

  const rules = base.ruleSet;
  const basis = scenario.m365Basis;
  const baseline = base.baseline(basis);
  const windows = months.map((m) => windowsFor(m, rules.data.windowMonths));
  const byTenant = new Map<string, ScenarioChange[]>();
  for (const change of scenario.changes) {
    const list = byTenant.get(change.tenantId);
    if (list) list.push(change);
    else byTenant.set(change.tenantId, [change]);
  }
  const counts: WindowCounts[] = baseline.map((b) => ({ ...b.counts }));
  const touched = new Map<string, TenantData>();
  const tenantChanges: TenantChange[] = [];
  for (const [tenantId, changes] of byTenant) {
    const before = base.tenant(tenantId);
    const after = applyChanges(before, tenantId, changes, rules, amountMicros);
    if (before) after.name = before.name;
    touched.set(tenantId, after);
    const beforeAggregate = before ? toAggregate(before) : null;
    const afterAggregate = toAggregate(after);
    months.forEach((month, k) => {
      const was = beforeAggregate ? classifyTenant(beforeAggregate, rules, windows[k]!, basis, base.m + k) : null;
      const now = classifyTenant(afterAggregate, rules, windows[k]!, basis, base.m + k);
      if (was) addCounts(counts[k]!, was, -1);
      addCounts(counts[k]!, now, 1);
      const pairs: [TenantChange["source"], boolean, boolean, boolean, boolean][] = [
        ["azure", was?.azure.current ?? false, was?.azure.previous ?? false, now.azure.current, now.azure.previous],
        ...(["enterprise", "smb"] as const).map(
          (t) =>
            [
              `m365-${t}`,
              was?.m365.current[t] ?? false,
              was?.m365.previous[t] ?? false,
              now.m365.current[t],
              now.m365.previous[t],
            ] as [TenantChange["source"], boolean, boolean, boolean, boolean],
        ),
      ];
      for (const [source, wc, wp, nc, np] of pairs) {
        if (wc === nc && wp === np) continue;
        tenantChanges.push({
          tenantId,
          name: after.name,
          added: before === null,
          month,
          source,
          before: statusOf(wc, wp),
          after: statusOf(nc, np),
          counting: wc === nc ? null : nc ? "starts" : "stops",
        });
      }
    });
  }
  const results = months.map((month, k) => ({
    month,
    baseline: resultFromCounts(rules, month, basis, windows[k]!, baseline[k]!.counts),
    scenario: resultFromCounts(rules, month, basis, windows[k]!, counts[k]!),
  }));
  const target = planMonth ?? months[1]!;
  const k = months.indexOf(target);
  const plan = planFor(base, basis, k, results[k]!.scenario, touched);
  return {
    ok: true,
    result: {
      baseMonth: base.baseMonth,
      ruleSet: rules.id,
      m365Basis: basis,
      months: results,
      tenantChanges,
      plan,
    },
  };
}

/** Association types a tenant may be moved to: every one the rule sets know, and one that counts for neither. */
export const NOT_ELIGIBLE_ASSOCIATION = "None (not eligible)";
export const ASSOCIATION_TYPES: readonly string[] = [
  "PAL",
  "CSP Tier 1",
  "CSP Tier 2",
  "CPOR",
  NOT_ELIGIBLE_ASSOCIATION,
];
