/**
 * Insights for the dashboard, computed from the same aggregates as the score. All assume no new data arrives:
 * they answer "what does the partner need" and "what happens next month if nothing changes".
 */
import type { Aggregates, TenantAggregate } from "./aggregate";
import { classifyTenant, eligibleAcr } from "./classify";
import { formatMicros, type Micros } from "./money";
import { addMonths, monthFromIndex, monthIndex, type Month } from "./months";
import type { RuleSet } from "./rules";
import { scoreAggregates, type ScoreResult } from "./score";
import { TRACKS, type M365Basis, type Source, type Track } from "./types";
import { windowsFor } from "./windows";

export interface InsightOptions {
  month: Month;
  m365Basis?: M365Basis;
}

export interface TrackGap {
  netCustomerAdds: number;
  points: number;
  /** Net adds still needed for the maximum points (0 when reached). */
  netAddsNeeded: number;
}

/** Net adds still needed per track to reach the rule set's maximum (security-2025: 20 points, Enterprise 10 net adds, SMB 5). */
export function gapToMaximum(result: ScoreResult, aggregates: Aggregates): Record<Track, TrackGap> {
  const { points } = aggregates.ruleSet.data;
  const gap = (track: Track): TrackGap => {
    const { netCustomerAdds, points: got } = result.tracks[track];
    const target = Math.ceil(points.maximum / points[track]);
    return { netCustomerAdds, points: got, netAddsNeeded: Math.max(0, target - netCustomerAdds) };
  };
  return { enterprise: gap("enterprise"), smb: gap("smb") };
}

export type NearMiss =
  | { tenantId: string; name: string; source: "azure"; eligibleAcr: string; shortfall: string }
  | {
      tenantId: string;
      name: string;
      source: "m365";
      workload: string;
      units: number;
      month: Month;
      unitsNeeded: number;
    };

/** An Azure near miss has at least this much eligible ACR: 80% of the rule set's threshold (docs/decisions.md). */
export function nearMissAcr(ruleSet: RuleSet): Micros {
  return (ruleSet.minimumEligibleAcr * 8n) / 10n;
}

/**
 * Tenants not qualifying in the current window that are close: Azure with eligible ACR of at least 80% of the
 * threshold ($480 of $600); M365 (qualifying for no track) whose peak eligible workload has 1 to 4 paid units.
 */
export function nearMisses(aggregates: Aggregates, options: InsightOptions): NearMiss[] {
  const ruleSet = aggregates.ruleSet;
  const basis = options.m365Basis ?? "any-month";
  const windows = windowsFor(options.month, ruleSet.data.windowMonths);
  const through = windows.current.to;
  const nearAcr = nearMissAcr(ruleSet);
  const { smbMinUnits } = ruleSet.data.m365;
  const misses: NearMiss[] = [];
  for (const tenant of sortedTenants(aggregates)) {
    const c = classifyTenant(tenant, ruleSet, windows, basis, through);
    const acr = c.azure.eligibleCurrent;
    if (!c.azure.current && acr >= nearAcr) {
      const shortfall = formatMicros(ruleSet.minimumEligibleAcr - acr);
      misses.push({
        tenantId: tenant.tenantId,
        name: tenant.name,
        source: "azure",
        eligibleAcr: formatMicros(acr),
        shortfall,
      });
    }
    if (!c.m365.current.enterprise && !c.m365.current.smb) {
      const peak = peakWorkload(
        tenant,
        basis === "last-month" ? windows.current.to : windows.current.from,
        windows.current.to,
      );
      if (peak !== null && peak.units >= 1 && peak.units < smbMinUnits) {
        misses.push({
          tenantId: tenant.tenantId,
          name: tenant.name,
          source: "m365",
          ...peak,
          unitsNeeded: smbMinUnits - peak.units,
        });
      }
    }
  }
  return misses;
}

/** Compares as String.prototype.localeCompare does, without building a collator on every call. */
const byName = new Intl.Collator().compare;

export function peakWorkload(
  tenant: TenantAggregate,
  from: number,
  to: number,
): { workload: string; units: number; month: Month } | null {
  let best: { workload: string; units: number; month: number } | null = null;
  for (const [month, totals] of tenant.m365) {
    if (month < from || month > to) continue;
    for (const [workload, units] of totals.units) {
      // Ties: the earliest month, then the workload first by name, so the order rows arrived in never matters.
      if (
        best === null ||
        units > best.units ||
        (units === best.units && (month < best.month || (month === best.month && byName(workload, best.workload) < 0)))
      ) {
        best = { workload, units, month };
      }
    }
  }
  return best === null ? null : { workload: best.workload, units: best.units, month: monthFromIndex(best.month) };
}

export interface AtRisk {
  tenantId: string;
  name: string;
  source: Source;
  /** Tracks it stops counting for (Azure counts for both). */
  tracks: Track[];
  /** Azure only: eligible ACR left in the window after the oldest month leaves it. */
  eligibleAcrNextMonth?: string;
}

/**
 * Tenants qualifying in the current window that stop qualifying when the oldest month (M-11) leaves it,
 * if no new data arrives. Under the last-month basis every M365 tenant is at risk: the new last month is empty.
 */
export function atRiskNextMonth(aggregates: Aggregates, options: InsightOptions): AtRisk[] {
  const ruleSet = aggregates.ruleSet;
  const basis = options.m365Basis ?? "any-month";
  const now = windowsFor(options.month, ruleSet.data.windowMonths);
  const next = windowsFor(addMonths(options.month, 1), ruleSet.data.windowMonths);
  const through = monthIndex(options.month);
  const risks: AtRisk[] = [];
  for (const tenant of sortedTenants(aggregates)) {
    const c = classifyTenant(tenant, ruleSet, now, basis, through);
    const d = classifyTenant(tenant, ruleSet, next, basis, through);
    if (c.azure.current && !d.azure.current) {
      const left = eligibleAcr(tenant, next.current, through);
      risks.push({
        tenantId: tenant.tenantId,
        name: tenant.name,
        source: "azure",
        tracks: [...TRACKS],
        eligibleAcrNextMonth: formatMicros(left),
      });
    }
    const lost = TRACKS.filter((t) => c.m365.current[t] && !d.m365.current[t]);
    if (lost.length > 0) risks.push({ tenantId: tenant.tenantId, name: tenant.name, source: "m365", tracks: lost });
  }
  return risks;
}

/** Both windows moved on by one month with no new data: the score the partner would get for M+1. */
export function projectNextMonth(aggregates: Aggregates, options: InsightOptions): ScoreResult {
  return scoreAggregates(aggregates, {
    month: addMonths(options.month, 1),
    m365Basis: options.m365Basis ?? "any-month",
    dataThrough: options.month,
  });
}

function sortedTenants(aggregates: Aggregates): TenantAggregate[] {
  return [...aggregates.tenants.values()].sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1));
}

/**
 * The four insights as a snapshot stores them, straight from the aggregates: the reference the recompute's
 * SnapshotSeries must equal.
 */
export function snapshotInsights(result: ScoreResult, aggregates: Aggregates, options: InsightOptions) {
  return {
    gap: gapToMaximum(result, aggregates),
    nearMisses: nearMisses(aggregates, options),
    atRisk: atRiskNextMonth(aggregates, options),
    projection: projectNextMonth(aggregates, options),
  };
}
