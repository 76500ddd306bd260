/**
 * Per-tenant explanations: status per source and track, with the figures behind them (eligible ACR and the
 * shortfall to the threshold in each window, peak paid units per eligible workload, excluded amounts by reason).
 * Money is a decimal string ("540.00"), never a float.
 */
import { noAmounts, noUnits, type TenantAggregate } from "./aggregate";
import { classifyTenant, statusOf, type TenantClassification } from "./classify";
import { formatMicros, type Micros } from "./money";
import { monthFromIndex, type Month } from "./months";
import type { RuleSet } from "./rules";
import { AZURE_REASONS, M365_REASONS, type AzureReason, type M365Reason } from "./rules/row-tests";
import type { M365Basis, TenantStatus, Track } from "./types";
import type { WindowIndexes, Windows } from "./windows";

export interface PeakUnits {
  workload: string;
  units: number;
  /** The month of the peak (the earliest, if several months share it). */
  month: Month;
}

export interface AzureWindowDetail {
  eligibleAcr: string;
  /** Amount still missing to reach the threshold; "0.00" when it qualifies. */
  shortfall: string;
  qualifies: boolean;
}

export interface M365WindowDetail {
  enterprise: boolean;
  smb: boolean;
  /** Peak paid units per eligible workload over the months the basis looks at. */
  peakUnits: PeakUnits[];
}

export interface CustomerDetail {
  tenantId: string;
  name: string;
  tracks: Record<Track, { azure: TenantStatus; m365: TenantStatus; net: number }>;
  azure: {
    current: AzureWindowDetail;
    previous: AzureWindowDetail;
    /** Amounts in either window that did not count, by reason, and amounts dated after the data month. */
    excluded: Record<AzureReason | "afterDataMonth", string>;
  };
  m365: {
    current: M365WindowDetail & { smbByStickiness: boolean };
    previous: M365WindowDetail;
    /** Paid units in either window that did not count, by reason, and units dated after the data month. */
    excludedUnits: Record<M365Reason | "afterDataMonth", number>;
  };
}

export function azureWindow(eligible: Micros, qualifies: boolean, ruleSet: RuleSet): AzureWindowDetail {
  const shortfall = qualifies ? 0n : ruleSet.minimumEligibleAcr - eligible;
  return { eligibleAcr: formatMicros(eligible), shortfall: formatMicros(shortfall), qualifies };
}

/** Compares as String.prototype.localeCompare does, without building a collator on every call. */
const byName = new Intl.Collator().compare;

export function peakUnits(
  tenant: TenantAggregate,
  window: WindowIndexes,
  basis: M365Basis,
  dataThrough: number,
): PeakUnits[] {
  const first = basis === "last-month" ? window.to : window.from;
  const last = Math.min(window.to, dataThrough);
  // A tenant has a handful of workloads: a small array beats a Map here (this runs per tenant and month).
  const peaks: { workload: string; units: number; month: number }[] = [];
  for (const [month, totals] of tenant.m365) {
    if (month < first || month > last) continue;
    for (const [workload, units] of totals.units) {
      const peak = peaks.find((p) => p.workload === workload);
      if (peak === undefined) peaks.push({ workload, units, month });
      else if (units > peak.units || (units === peak.units && month < peak.month)) {
        peak.units = units;
        peak.month = month;
      }
    }
  }
  if (peaks.length > 1) peaks.sort((a, b) => b.units - a.units || byName(a.workload, b.workload));
  return peaks.map((p) => ({ workload: p.workload, units: p.units, month: monthFromIndex(p.month) }));
}

export function describeTenant(
  tenant: TenantAggregate,
  c: TenantClassification,
  ruleSet: RuleSet,
  windows: Windows,
  basis: M365Basis,
  dataThrough: number,
): CustomerDetail {
  const from = windows.previous.from;
  const to = Math.min(windows.current.to, dataThrough);
  const excluded = { ...noAmounts(), afterDataMonth: 0n };
  for (const [month, totals] of tenant.azure) {
    if (month > to) {
      excluded.afterDataMonth += totals.eligible;
      if (totals.excluded) for (const reason of AZURE_REASONS) excluded.afterDataMonth += totals.excluded[reason];
    } else if (month >= from && totals.excluded) {
      for (const reason of AZURE_REASONS) excluded[reason] += totals.excluded[reason];
    }
  }
  const excludedUnits = { ...noUnits(), afterDataMonth: 0 };
  for (const [month, totals] of tenant.m365) {
    if (month > to) {
      for (const units of totals.units.values()) excludedUnits.afterDataMonth += units;
      if (totals.excluded) for (const reason of M365_REASONS) excludedUnits.afterDataMonth += totals.excluded[reason];
    } else if (month >= from && totals.excluded) {
      for (const reason of M365_REASONS) excludedUnits[reason] += totals.excluded[reason];
    }
  }
  const azure = statusOf(c.azure.current, c.azure.previous);
  const track = (t: Track) => {
    const m365 = statusOf(c.m365.current[t], c.m365.previous[t]);
    return { azure, m365, net: netOf(azure) + netOf(m365) };
  };
  return {
    tenantId: tenant.tenantId,
    name: tenant.name,
    tracks: { enterprise: track("enterprise"), smb: track("smb") },
    azure: {
      current: azureWindow(c.azure.eligibleCurrent, c.azure.current, ruleSet),
      previous: azureWindow(c.azure.eligiblePrevious, c.azure.previous, ruleSet),
      excluded: formatAmounts(excluded),
    },
    m365: {
      current: {
        enterprise: c.m365.current.enterprise,
        smb: c.m365.current.smb,
        smbByStickiness: c.m365.current.smb && !c.m365.currentPlain.smb,
        peakUnits: peakUnits(tenant, windows.current, basis, dataThrough),
      },
      previous: { ...c.m365.previous, peakUnits: peakUnits(tenant, windows.previous, basis, dataThrough) },
      excludedUnits,
    },
  };
}

/** +1 gained, -1 lost, 0 otherwise. */
export function netOf(status: TenantStatus): number {
  return status === "gained" ? 1 : status === "lost" ? -1 : 0;
}

/** One tenant's explanation for a data month, or null when the tenant has no rows at all. */
export function explainTenant(
  tenant: TenantAggregate | undefined,
  ruleSet: RuleSet,
  windows: Windows,
  basis: M365Basis,
  dataThrough: number,
): CustomerDetail | null {
  if (tenant === undefined) return null;
  return describeTenant(
    tenant,
    classifyTenant(tenant, ruleSet, windows, basis, dataThrough),
    ruleSet,
    windows,
    basis,
    dataThrough,
  );
}

/** Excluded amounts by reason (and after the data month) as decimal strings, in the reasons' order. */
export function formatAmounts(
  amounts: Record<AzureReason | "afterDataMonth", Micros>,
): CustomerDetail["azure"]["excluded"] {
  const out = {} as CustomerDetail["azure"]["excluded"];
  for (const reason of AZURE_REASONS) out[reason] = formatMicros(amounts[reason]);
  out.afterDataMonth = formatMicros(amounts.afterDataMonth);
  return out;
}
