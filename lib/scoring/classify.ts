/**
 * Per-tenant classification in the current and previous windows (SPEC §2): Azure qualifies on eligible ACR
 * summed over the window; M365 qualifies per track on one workload's paid units in one month (never summed
 * across workloads or months), in any month of the window or only its last month depending on the basis.
 */
import type { TenantAggregate } from "./aggregate";
import type { Micros } from "./money";
import type { RuleSet } from "./rules";
import type { M365Basis, M365Tracks, TenantStatus } from "./types";
import type { WindowIndexes, Windows } from "./windows";

export interface TenantClassification {
  azure: {
    eligibleCurrent: Micros;
    eligiblePrevious: Micros;
    current: boolean;
    previous: boolean;
  };
  m365: {
    /** After the rule set's hook (SMB stickiness in 2026). */
    current: M365Tracks;
    /** Before the hook: what the units alone say. */
    currentPlain: M365Tracks;
    previous: M365Tracks;
  };
}

/** Eligible ACR of a tenant in a window, ignoring months after `dataThrough`. */
export function eligibleAcr(tenant: TenantAggregate, window: WindowIndexes, dataThrough: number): Micros {
  const last = Math.min(window.to, dataThrough);
  let sum = 0n;
  for (const [month, totals] of tenant.azure) {
    if (month >= window.from && month <= last) sum += totals.eligible;
  }
  return sum;
}

/** Track of one workload's paid units in one month, or null when it counts for neither. */
export function unitsTrack(units: number, ruleSet: RuleSet): "enterprise" | "smb" | null {
  const { smbMinUnits, smbMaxUnits } = ruleSet.data.m365;
  if (units > smbMaxUnits) return "enterprise";
  if (units >= smbMinUnits) return "smb";
  return null;
}

/** M365 tracks of a tenant in a window from its units alone (no hook). */
export function m365Tracks(
  tenant: TenantAggregate,
  window: WindowIndexes,
  basis: M365Basis,
  dataThrough: number,
  ruleSet: RuleSet,
): M365Tracks {
  const tracks: M365Tracks = { enterprise: false, smb: false };
  const first = basis === "last-month" ? window.to : window.from;
  const last = Math.min(window.to, dataThrough);
  for (const [month, totals] of tenant.m365) {
    if (month < first || month > last) continue;
    for (const units of totals.units.values()) {
      const track = unitsTrack(units, ruleSet);
      if (track !== null) tracks[track] = true;
    }
  }
  return tracks;
}

export function classifyTenant(
  tenant: TenantAggregate,
  ruleSet: RuleSet,
  windows: Windows,
  basis: M365Basis,
  dataThrough: number,
): TenantClassification {
  const eligibleCurrent = eligibleAcr(tenant, windows.current, dataThrough);
  const eligiblePrevious = eligibleAcr(tenant, windows.previous, dataThrough);
  const currentPlain = m365Tracks(tenant, windows.current, basis, dataThrough, ruleSet);
  const previous = m365Tracks(tenant, windows.previous, basis, dataThrough, ruleSet);
  const hook = ruleSet.data.hooks?.adjustCurrentM365;
  return {
    azure: {
      eligibleCurrent,
      eligiblePrevious,
      current: eligibleCurrent >= ruleSet.minimumEligibleAcr,
      previous: eligiblePrevious >= ruleSet.minimumEligibleAcr,
    },
    m365: { current: hook ? hook(currentPlain, previous) : currentPlain, currentPlain, previous },
  };
}

export function statusOf(current: boolean, previous: boolean): TenantStatus {
  if (current) return previous ? "retained" : "gained";
  return previous ? "lost" : "not-qualifying";
}
