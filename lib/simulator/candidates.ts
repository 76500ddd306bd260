/**
 * "What would it take": for a tenant not counting in a month's current window, the cheapest single change that
 * makes it count (the near misses of lib/scoring/insights.ts, extended to every shortfall and to future months).
 * - Azure (both tracks): the eligible ACR still missing to the threshold, added in that month. Only tenants
 *   with some eligible ACR: from nothing, $600 is what a new customer costs too.
 * - M365, per track: the licences of one workload in that month raised to the track's band (SMB: 5, Enterprise:
 *   301), from the tenant's latest count of that workload; the seats to add are the cost. Only tenants with some
 *   eligible licences, and for SMB not above the band (cutting seats is no plan).
 * A candidate is a guess until the engine confirms it (plan.ts re-scores the tenant with the change applied).
 */
import { formatMicros, monthFromIndex, type Micros, type RuleSet, type TenantClassification } from "@/lib/scoring";
import type { ScenarioChange } from "./scenario";
import { latestUnits, type TenantData } from "./tenant-data";

export const CANDIDATE_KINDS = ["azure", "enterprise", "smb"] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

export interface Candidate {
  tenantId: string;
  name: string;
  kind: CandidateKind;
  /** Micro-dollars for Azure, seats for M365 (bigint either way, so one comparison sorts both). */
  cost: bigint;
  /** What the tenant has now: eligible ACR in the window (decimal string), or the workload's latest seats. */
  has: string;
  change: ScenarioChange;
}

export function candidatesOf(
  data: TenantData,
  c: TenantClassification,
  ruleSet: RuleSet,
  month: number,
): Partial<Record<CandidateKind, Candidate>> {
  const found: Partial<Record<CandidateKind, Candidate>> = {};
  const when = monthFromIndex(month);
  const acr = c.azure.eligibleCurrent;
  if (!c.azure.current && acr > 0n) {
    const shortfall: Micros = ruleSet.minimumEligibleAcr - acr;
    found.azure = {
      tenantId: data.tenantId,
      name: data.name,
      kind: "azure",
      cost: shortfall,
      has: formatMicros(acr),
      change: { kind: "acr", tenantId: data.tenantId, months: [when], amount: formatMicros(shortfall) },
    };
  }
  const { smbMinUnits, smbMaxUnits } = ruleSet.data.m365;
  for (const track of ["enterprise", "smb"] as const) {
    if (c.m365.current[track] || data.m365.size === 0) continue;
    const target = track === "smb" ? smbMinUnits : smbMaxUnits + 1;
    let best: { workload: string; units: number; cost: number } | null = null;
    for (const workload of workloadNames(data)) {
      const units = latestUnits(data, workload, month);
      if (units < 1 || (track === "smb" && units > smbMaxUnits)) continue;
      const cost = Math.max(0, target - units);
      if (best === null || cost < best.cost || (cost === best.cost && workload < best.workload))
        best = { workload, units, cost };
    }
    if (best === null) continue;
    found[track] = {
      tenantId: data.tenantId,
      name: data.name,
      kind: track,
      cost: BigInt(best.cost),
      has: String(best.units),
      change: {
        kind: "licences",
        tenantId: data.tenantId,
        workload: best.workload,
        months: [when],
        units: Math.max(best.units, target),
      },
    };
  }
  return found;
}

function workloadNames(data: TenantData): Set<string> {
  const names = new Set<string>();
  for (const cells of data.m365.values()) for (const workload of cells.keys()) names.add(workload);
  return names;
}
