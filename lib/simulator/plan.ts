/**
 * What it would take to reach the maximum Performance points in one month, cheapest first: the candidates
 * (candidates.ts) of the untouched data and of the tenants the scenario changed, each confirmed by the engine
 * (the tenant re-classified with the change applied), then per track a plan that takes the cheapest until the
 * net adds missing are covered, and new customers for the rest.
 */
import {
  classifyTenant,
  formatMicros,
  netOf,
  statusOf,
  windowsFor,
  type M365Basis,
  type Month,
  type ScoreResult,
  type TenantClassification,
  type Track,
} from "@/lib/scoring";
import { compareCandidates, type SimulationBase } from "./base";
import { CANDIDATE_KINDS, candidatesOf, type Candidate, type CandidateKind } from "./candidates";
import type { ScenarioChange } from "./scenario";
import { applyChanges, toAggregate, type TenantData } from "./tenant-data";

/** Confirmed candidates shown per kind, and at most this many tried to find them. */
const SHOWN = 10;
const TRIED = 60;

export interface PlanStep {
  tenantId: string;
  name: string;
  kind: CandidateKind;
  /** Dollars (decimal string) for Azure, seats for M365. */
  cost: string;
  has: string;
  change: ScenarioChange;
  /** Net adds the change brings per track (the engine's answer). */
  gains: Record<Track, number>;
}

export interface TrackPlan {
  netCustomerAdds: number;
  points: number;
  netAddsNeeded: number;
  /** The cheapest confirmed changes that cover the net adds needed (or as many as there are). */
  steps: PlanStep[];
  /** New customers with the minimum eligible ACR still needed after the steps. */
  newCustomers: number;
}

export interface Plan {
  month: Month;
  /** Eligible ACR a new customer needs in the month (decimal string). */
  newCustomerAcr: string;
  tracks: Record<Track, TrackPlan>;
  /** The cheapest confirmed changes of each kind. */
  cheapest: Record<CandidateKind, PlanStep[]>;
}

const TRACKS: readonly Track[] = ["enterprise", "smb"];

function gainsOf(before: TenantClassification, after: TenantClassification): Record<Track, number> {
  const azure =
    netOf(statusOf(after.azure.current, after.azure.previous)) -
    netOf(statusOf(before.azure.current, before.azure.previous));
  const m365 = (t: Track) =>
    netOf(statusOf(after.m365.current[t], after.m365.previous[t])) -
    netOf(statusOf(before.m365.current[t], before.m365.previous[t]));
  return { enterprise: azure + m365("enterprise"), smb: azure + m365("smb") };
}

export function planFor(
  base: SimulationBase,
  basis: M365Basis,
  k: number,
  result: ScoreResult,
  touched: ReadonlyMap<string, TenantData>,
): Plan {
  const rules = base.ruleSet;
  const month = base.months()[k]!;
  const through = base.m + k;
  const windows = windowsFor(month, rules.data.windowMonths);
  const classify = (data: TenantData) => classifyTenant(toAggregate(data), rules, windows, basis, through);
  const lists: Record<CandidateKind, Candidate[]> = { azure: [], enterprise: [], smb: [] };
  const fromBase = base.baseline(basis)[k]!.candidates;
  for (const kind of CANDIDATE_KINDS) lists[kind] = fromBase[kind].filter((c) => !touched.has(c.tenantId));
  for (const data of touched.values()) {
    const found = candidatesOf(data, classify(data), rules, through);
    for (const kind of CANDIDATE_KINDS) if (found[kind]) lists[kind].push(found[kind]);
  }
  const cheapest = {} as Record<CandidateKind, PlanStep[]>;
  for (const kind of CANDIDATE_KINDS) {
    lists[kind].sort(compareCandidates);
    cheapest[kind] = [];
    for (const candidate of lists[kind].slice(0, TRIED)) {
      if (cheapest[kind].length === SHOWN) break;
      const data = touched.get(candidate.tenantId) ?? base.tenant(candidate.tenantId);
      if (!data) continue;
      const after = applyChanges(data, candidate.tenantId, [candidate.change], rules, () => candidate.cost);
      const gains = gainsOf(classify(data), classify(after));
      const confirmed = kind === "azure" ? gains.enterprise > 0 && gains.smb > 0 : gains[kind] > 0;
      if (!confirmed) continue;
      cheapest[kind].push({
        tenantId: candidate.tenantId,
        name: candidate.name,
        kind,
        cost: kind === "azure" ? formatMicros(candidate.cost) : String(candidate.cost),
        has: candidate.has,
        change: candidate.change,
        gains,
      });
    }
  }
  const { points } = rules.data;
  const seatsTarget = { enterprise: rules.data.m365.smbMaxUnits + 1, smb: rules.data.m365.smbMinUnits };
  const tracks = {} as Record<Track, TrackPlan>;
  for (const track of TRACKS) {
    const net = result.tracks[track].netCustomerAdds;
    const needed = Math.max(0, Math.ceil(points.maximum / points[track]) - net);
    // Azure shortfalls and seat shortfalls in one order: the share of the threshold still missing.
    const share = (step: PlanStep) =>
      step.kind === "azure"
        ? Number(step.cost) / Number(formatMicros(rules.minimumEligibleAcr))
        : Number(step.cost) / seatsTarget[track];
    const options = [...cheapest.azure, ...cheapest[track]].sort((a, b) => share(a) - share(b));
    const steps: PlanStep[] = [];
    let gained = 0;
    for (const step of options) {
      if (gained >= needed) break;
      steps.push(step);
      gained += step.gains[track];
    }
    tracks[track] = {
      netCustomerAdds: net,
      points: result.tracks[track].points,
      netAddsNeeded: needed,
      steps,
      newCustomers: Math.max(0, needed - gained),
    };
  }
  return { month, newCustomerAcr: formatMicros(rules.minimumEligibleAcr), tracks, cheapest };
}
