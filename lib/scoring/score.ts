/**
 * The scorer: aggregates + data month + M365 basis -> net customer adds and points per track (SPEC §2, §4).
 */
import type { Aggregates } from "./aggregate";
import { classifyTenant } from "./classify";
import { describeTenant, type CustomerDetail } from "./explain";
import { monthIndex, type Month } from "./months";
import type { RuleSet } from "./rules";
import type { M365Basis, Track, WindowRange } from "./types";
import { windowRange, windowsFor, type Windows } from "./windows";

export interface ScoreOptions {
  /** Data month M. */
  month: Month;
  m365Basis?: M365Basis;
  /** Add one entry per tenant with its status and figures. */
  details?: boolean;
  /** Ignore rows after this month (default: M). Projections use M+1 with data through M. */
  dataThrough?: Month;
}

export interface SourceCounts {
  current: number;
  previous: number;
  net: number;
}

export interface TrackScore {
  azure: SourceCounts;
  m365: SourceCounts;
  netCustomerAdds: number;
  points: number;
}

export interface ScoreResult {
  ruleSet: string;
  month: Month;
  m365Basis: M365Basis;
  windows: { current: WindowRange; previous: WindowRange };
  tracks: Record<Track, TrackScore>;
  /** The track with more Performance points (ties: enterprise). */
  bestTrack: Track;
  points: number;
  customers?: CustomerDetail[];
}

/** points(T) = min(maximum, max(0, unit(T) * net(T))). */
export function pointsFor(netCustomerAdds: number, perNetAdd: number, maximum: number): number {
  return Math.min(maximum, Math.max(0, perNetAdd * netCustomerAdds));
}

function counts(current: number, previous: number): SourceCounts {
  return { current, previous, net: current - previous };
}

/** Tenants counted per source, track and window: what a result is made of. */
export interface WindowCounts {
  azureC: number;
  azureP: number;
  entC: number;
  entP: number;
  smbC: number;
  smbP: number;
}

/** The SPEC §4 document from the counts (shared by scoreAggregates and the snapshot series). */
export function resultFromCounts(
  ruleSet: RuleSet,
  month: Month,
  basis: M365Basis,
  windows: Windows,
  n: WindowCounts,
): ScoreResult {
  const azure = counts(n.azureC, n.azureP);
  const track = (m365: SourceCounts, perNetAdd: number): TrackScore => {
    const netCustomerAdds = azure.net + m365.net;
    return {
      azure: { ...azure },
      m365,
      netCustomerAdds,
      points: pointsFor(netCustomerAdds, perNetAdd, ruleSet.data.points.maximum),
    };
  };
  const enterprise = track(counts(n.entC, n.entP), ruleSet.data.points.enterprise);
  const smb = track(counts(n.smbC, n.smbP), ruleSet.data.points.smb);
  const bestTrack: Track = smb.points > enterprise.points ? "smb" : "enterprise";
  return {
    ruleSet: ruleSet.id,
    month,
    m365Basis: basis,
    windows: { current: windowRange(windows.current), previous: windowRange(windows.previous) },
    tracks: { enterprise, smb },
    bestTrack,
    points: bestTrack === "smb" ? smb.points : enterprise.points,
  };
}

export function scoreAggregates(aggregates: Aggregates, options: ScoreOptions): ScoreResult {
  const ruleSet = aggregates.ruleSet;
  const basis = options.m365Basis ?? "any-month";
  const windows = windowsFor(options.month, ruleSet.data.windowMonths);
  const dataThrough = Math.min(monthIndex(options.dataThrough ?? options.month), windows.current.to);
  const n = { azureC: 0, azureP: 0, entC: 0, entP: 0, smbC: 0, smbP: 0 };
  const customers: CustomerDetail[] = [];
  for (const tenant of aggregates.tenants.values()) {
    const c = classifyTenant(tenant, ruleSet, windows, basis, dataThrough);
    if (c.azure.current) n.azureC++;
    if (c.azure.previous) n.azureP++;
    if (c.m365.current.enterprise) n.entC++;
    if (c.m365.previous.enterprise) n.entP++;
    if (c.m365.current.smb) n.smbC++;
    if (c.m365.previous.smb) n.smbP++;
    if (options.details) customers.push(describeTenant(tenant, c, ruleSet, windows, basis, dataThrough));
  }
  const result = resultFromCounts(ruleSet, options.month, basis, windows, n);
  if (options.details)
    result.customers = customers.sort((a, b) => (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0));
  return result;
}
