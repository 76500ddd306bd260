/**
 * Every snapshot month of an organisation from ONE set of aggregates, fast. `scoreAggregates` plus the insights
 * classify each tenant five times per month by walking its months; here each tenant's months become prefix sums
 * once (eligible ACR, excluded amounts by reason, months in which some workload reaches a track's band), so any
 * window of any month is a subtraction. The results are the same as scoreAggregates, describeTenant and the
 * insights (series.test.ts checks them against each other); the CLI keeps the simple path.
 */
import type { Aggregates, AzureMonthTotals, TenantAggregate } from "./aggregate";
import { statusOf, unitsTrack } from "./classify";
import type { PeakUnits } from "./explain";
import type { FigureExtra, TenantFigures } from "./figures";
import { gapToMaximum, nearMissAcr, type AtRisk, type NearMiss, type TrackGap } from "./insights";
import { formatMicros, type Micros } from "./money";
import { monthFromIndex, monthIndex, type Month } from "./months";
import type { RuleSet } from "./rules";
import { AZURE_REASONS, M365_REASONS } from "./rules/row-tests";
import { resultFromCounts, type ScoreResult, type WindowCounts } from "./score";
import { TRACKS, type M365Basis, type M365Tracks, type Track } from "./types";
import { windowsFor, type WindowIndexes, type Windows } from "./windows";

/** Compares as String.prototype.localeCompare does (explain.ts sorts peaks with it). */
const byName = new Intl.Collator().compare;
/** Shared by every tenant without peaks (never modified). */
const NO_PEAKS: PeakUnits[] = [];
const NO_TRACKS: Track[] = [];
/** The four possible M365Tracks, shared (frozen) rather than built per tenant, window and month. */
const TRACK_SETS: readonly M365Tracks[] = [0, 1, 2, 3].map((i) =>
  Object.freeze({ enterprise: i >= 2, smb: i % 2 === 1 }),
);

export interface MonthInsights {
  gap: Record<Track, TrackGap>;
  nearMisses: NearMiss[];
  atRisk: AtRisk[];
  projection: ScoreResult;
}

/** One tenant's months as prefix sums over the series' month range (index 0 = nothing, i = months lo … lo+i-1). */
interface TenantSeries {
  /** Only the tenant's id and name: the series does not keep the aggregates (their memory can go). */
  tenant: Pick<TenantAggregate, "tenantId" | "name">;
  acr: Money | null;
  /** Eligible and excluded ACR together (for "dated after the data month"). */
  azureAll: Money | null;
  /** Excluded ACR by reason (AZURE_REASONS' order); null when nothing was excluded. */
  excluded: Money[] | null;
  /** Months in which some eligible workload is in the Enterprise / SMB band. */
  enterprise: Int32Array | null;
  smb: Int32Array | null;
  /** Eligible and excluded units together, and excluded units by reason (workload, association type). */
  unitsAll: Float64Array | null;
  unitsExcluded: Float64Array[] | null;
  /** Months with any row of the tenant (either source), and with an M365 row. */
  active: Int32Array;
  m365Months: Int32Array | null;
  /** Eligible units of each workload per month (by offset from lo; NaN: no eligible row that month). */
  workloads: { name: string; units: Float64Array }[];
}

interface Classification {
  acrCurrent: number | bigint;
  acrPrevious: number | bigint;
  azureCurrent: boolean;
  azurePrevious: boolean;
  current: M365Tracks;
  currentPlain: M365Tracks;
  previous: M365Tracks;
}

export class SnapshotSeries {
  private readonly lo: number;
  private readonly hi: number;
  /** Sorted by tenant id: the order of the stored rows and of the insights' lists. */
  private readonly series: TenantSeries[];
  private readonly ruleSet: RuleSet;
  private readonly monthNames: Month[] = [];
  /** Peak units per tenant (by index) of the current windows of recent months, keyed by the window's last month. */
  private readonly peakCache = new Map<number, PeakUnits[][]>();

  constructor(
    aggregates: Aggregates,
    private readonly basis: M365Basis,
  ) {
    this.ruleSet = aggregates.ruleSet;
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of aggregates.tenants.values()) {
      for (const m of [...t.azure.keys(), ...t.m365.keys()]) {
        lo = Math.min(lo, m);
        hi = Math.max(hi, m);
      }
    }
    this.lo = Number.isFinite(lo) ? lo : 0;
    this.hi = Number.isFinite(hi) ? hi : -1;
    this.series = [...aggregates.tenants.values()]
      .sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1))
      .map((t) => this.build(t));
  }

  /** "YYYY-MM" of a month index in the series' range, built once. */
  private monthName(index: number): Month {
    return (this.monthNames[index - this.lo] ??= monthFromIndex(index));
  }

  get tenantCount(): number {
    return this.series.length;
  }

  private build(tenant: TenantAggregate): TenantSeries {
    const n = this.hi - this.lo + 1;
    const active = new Int32Array(n + 1);
    for (const month of tenant.azure.keys()) active[month - this.lo + 1] = 1;
    for (const month of tenant.m365.keys()) active[month - this.lo + 1] = 1;
    for (let i = 1; i <= n; i++) active[i]! += active[i - 1]!;
    const s: TenantSeries = {
      tenant: { tenantId: tenant.tenantId, name: tenant.name },
      acr: null,
      azureAll: null,
      excluded: null,
      enterprise: null,
      smb: null,
      unitsAll: null,
      unitsExcluded: null,
      active,
      m365Months: null,
      workloads: [],
    };
    if (tenant.azure.size > 0) {
      const prefix = (pick: (t: AzureMonthTotals) => Micros) => moneyPrefix(tenant.azure, this.lo, n, pick);
      const excluded = (t: AzureMonthTotals) => {
        let sum = 0n;
        if (t.excluded) for (const reason of AZURE_REASONS) sum += t.excluded[reason];
        return sum;
      };
      const anyExcluded = [...tenant.azure.values()].some((t) => t.excluded !== null);
      s.acr = prefix((t) => t.eligible);
      s.azureAll = prefix((t) => t.eligible + excluded(t));
      s.excluded = anyExcluded ? AZURE_REASONS.map((reason) => prefix((t) => t.excluded?.[reason] ?? 0n)) : null;
    }
    if (tenant.m365.size > 0) {
      const enterprise = new Int32Array(n + 1);
      const smb = new Int32Array(n + 1);
      const all = new Float64Array(n + 1);
      const excluded = M365_REASONS.map(() => new Float64Array(n + 1));
      for (let i = 0; i < n; i++) {
        const totals = tenant.m365.get(this.lo + i);
        let ent = 0;
        let small = 0;
        let units = 0;
        if (totals) {
          for (const u of totals.units.values()) {
            const track = unitsTrack(u, this.ruleSet);
            if (track === "enterprise") ent = 1;
            else if (track === "smb") small = 1;
            units += u;
          }
        }
        const x = totals?.excluded;
        enterprise[i + 1] = enterprise[i]! + ent;
        smb[i + 1] = smb[i]! + small;
        let notCounted = 0;
        for (let r = 0; r < M365_REASONS.length; r++) {
          const v = x ? x[M365_REASONS[r]!] : 0;
          notCounted += v;
          excluded[r]![i + 1] = excluded[r]![i]! + v;
        }
        all[i + 1] = all[i]! + units + notCounted;
      }
      const months = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) months[i + 1] = months[i]! + (tenant.m365.has(this.lo + i) ? 1 : 0);
      const unitsByName = new Map<string, Float64Array>();
      for (const [month, totals] of tenant.m365) {
        for (const [name, units] of totals.units) {
          let series = unitsByName.get(name);
          if (series === undefined) unitsByName.set(name, (series = new Float64Array(n).fill(NaN)));
          series[month - this.lo] = units;
        }
      }
      const workloads = [...unitsByName].map(([name, units]) => ({ name, units }));
      Object.assign(s, { enterprise, smb, unitsAll: all, unitsExcluded: excluded, m365Months: months, workloads });
    }
    return s;
  }

  /** Sum of a prefix array over months from … to (inclusive, month indexes), clipped to the series' range. */
  private sum<A extends Money | Int32Array | Float64Array>(p: A, from: number, to: number): A[number] {
    const a = Math.max(from, this.lo) - this.lo;
    const b = Math.min(to, this.hi) - this.lo + 1;
    if (a >= b) return (p instanceof BigInt64Array ? 0n : 0) as A[number];
    return ((p[b] as number) - (p[a] as number)) as A[number];
  }

  private tracks(s: TenantSeries, from: number, to: number, through: number): M365Tracks {
    if (s.enterprise === null) return TRACK_SETS[0]!;
    const first = this.basis === "last-month" ? to : from;
    const last = Math.min(to, through);
    return TRACK_SETS[(this.sum(s.enterprise, first, last) > 0 ? 2 : 0) + (this.sum(s.smb!, first, last) > 0 ? 1 : 0)]!;
  }

  private classify(s: TenantSeries, w: Windows, through: number): Classification {
    const acrCurrent = s.acr ? this.sum(s.acr, w.current.from, Math.min(w.current.to, through)) : 0n;
    const acrPrevious = s.acr ? this.sum(s.acr, w.previous.from, Math.min(w.previous.to, through)) : 0n;
    const currentPlain = this.tracks(s, w.current.from, w.current.to, through);
    const previous = this.tracks(s, w.previous.from, w.previous.to, through);
    const hook = this.ruleSet.data.hooks?.adjustCurrentM365;
    const min = this.ruleSet.minimumEligibleAcr;
    return {
      acrCurrent,
      acrPrevious,
      azureCurrent: acrCurrent >= min,
      azurePrevious: acrPrevious >= min,
      current: hook ? hook(currentPlain, previous) : currentPlain,
      currentPlain,
      previous,
    };
  }

  /**
   * describeTenant's peak units per workload in a window (explain.ts peakUnits), walking only the window's months
   * in order, so the earliest month keeps a tie.
   */
  private peaks(s: TenantSeries, window: WindowIndexes, through: number): PeakUnits[] {
    const first = Math.max(this.basis === "last-month" ? window.to : window.from, this.lo);
    const last = Math.min(window.to, through, this.hi);
    if (s.m365Months === null || this.sum(s.m365Months, first, last) === 0) return NO_PEAKS;
    const peaks: PeakUnits[] = [];
    for (const workload of s.workloads) {
      let best = 0;
      let bestMonth = -1;
      for (let month = first; month <= last; month++) {
        const units = workload.units[month - this.lo]!;
        // NaN (no row) never compares greater; the earliest month keeps a tie.
        if (units === units && (bestMonth < 0 || units > best)) {
          best = units;
          bestMonth = month;
        }
      }
      if (bestMonth >= 0) peaks.push({ workload: workload.name, units: best, month: this.monthName(bestMonth) });
    }
    if (peaks.length > 1) peaks.sort((a, b) => b.units - a.units || byName(a.workload, b.workload));
    return peaks.length > 0 ? peaks : NO_PEAKS;
  }

  /** insights.ts peakWorkload (the highest units of any workload; ties: earliest month, then name) on the arrays. */
  private peakWorkload(
    s: TenantSeries,
    from: number,
    to: number,
  ): { workload: string; units: number; month: Month } | null {
    let best: { workload: string; units: number; month: number } | null = null;
    const first = Math.max(from, this.lo);
    const last = Math.min(to, this.hi);
    for (const workload of s.workloads) {
      for (let month = first; month <= last; month++) {
        const units = workload.units[month - this.lo]!;
        if (units !== units) continue;
        if (
          best === null ||
          units > best.units ||
          (units === best.units &&
            (month < best.month || (month === best.month && byName(workload.name, best.workload) < 0)))
        ) {
          best = { workload: workload.name, units, month };
        }
      }
    }
    return best === null ? null : { workload: best.workload, units: best.units, month: this.monthName(best.month) };
  }

  /** The SPEC §4 result of data month `month` and its insights (as scoreAggregates and insights.ts give them). */
  score(month: Month): { result: ScoreResult; insights: MonthInsights } {
    const tally = new MonthTally(this.ruleSet, month, this.basis);
    this.tally(tally);
    return tally.finish();
  }

  /**
   * Adds this series' tenants to `tally`: its counts, near misses and tenants at risk. The tenants of a series
   * come after those of every series tallied before it (chunks in tenant id order), so the lists stay in order.
   */
  tally(tally: MonthTally): void {
    const rules = this.ruleSet;
    if (tally.ruleSet !== rules || tally.basis !== this.basis) throw new Error("a tally of another rule set or basis");
    const { m, now, next } = tally;
    const nearAcr = nearMissAcr(rules);
    const { smbMinUnits } = rules.data.m365;
    const { n, p, nearMisses, atRisk } = tally;
    for (const s of this.series) {
      const t = s.tenant;
      const c = this.classify(s, now, m);
      count(n, c);
      // Next month with no new data: the projection, and what stops counting (at risk).
      const d = this.classify(s, next, m);
      count(p, d);
      if (!c.azureCurrent && c.acrCurrent >= nearAcr) {
        nearMisses.push({
          tenantId: t.tenantId,
          name: t.name,
          source: "azure",
          eligibleAcr: formatMicros(micros(c.acrCurrent)),
          shortfall: formatMicros(rules.minimumEligibleAcr - micros(c.acrCurrent)),
        });
      }
      if (!c.current.enterprise && !c.current.smb && s.workloads.length > 0) {
        const peak = this.peakWorkload(
          s,
          this.basis === "last-month" ? now.current.to : now.current.from,
          now.current.to,
        );
        if (peak !== null && peak.units >= 1 && peak.units < smbMinUnits) {
          nearMisses.push({
            tenantId: t.tenantId,
            name: t.name,
            source: "m365",
            ...peak,
            unitsNeeded: smbMinUnits - peak.units,
          });
        }
      }
      if (c.azureCurrent && !d.azureCurrent) {
        atRisk.push({
          tenantId: t.tenantId,
          name: t.name,
          source: "azure",
          tracks: [...TRACKS],
          eligibleAcrNextMonth: formatMicros(micros(d.acrCurrent)),
        });
      }
      const lost =
        (c.current.enterprise && !d.current.enterprise) || (c.current.smb && !d.current.smb)
          ? TRACKS.filter((track) => c.current[track] && !d.current[track])
          : NO_TRACKS;
      if (lost.length > 0) atRisk.push({ tenantId: t.tenantId, name: t.name, source: "m365", tracks: lost });
    }
  }

  /**
   * The figures (describeTenant's, as plain figures) of every tenant with rows in the months the snapshot of
   * `month` reads (its previous window's first month … M: M-23 … M for 12-month windows), in tenant id order. A tenant whose rows all come later is not a customer of that
   * snapshot: it could only be "not qualifying" with nothing in either window (see docs/decisions.md).
   */
  *figures(month: Month): Generator<TenantFigures> {
    const m = monthIndex(month);
    const w = windowsFor(month, this.ruleSet.data.windowMonths);
    const from = w.previous.from;
    // The previous window of M is the current window of M - windowMonths: its peaks were found then, if that month
    // came first.
    const current: PeakUnits[][] = new Array(this.series.length);
    const previous = this.peakCache.get(w.previous.to);
    this.peakCache.set(w.current.to, current);
    for (const key of this.peakCache.keys()) if (key < w.previous.to) this.peakCache.delete(key);
    for (let i = 0; i < this.series.length; i++) {
      const s = this.series[i]!;
      if (this.sum(s.active, from, m) === 0) continue;
      const c = this.classify(s, w, m);
      const azure = statusOf(c.azureCurrent, c.azurePrevious);
      const t = s.tenant;
      const excluded = {} as FigureExtra["excluded"];
      for (let r = 0; r < AZURE_REASONS.length; r++)
        excluded[AZURE_REASONS[r]!] = s.excluded ? this.sum(s.excluded[r]!, from, m) : 0;
      excluded.afterDataMonth = s.azureAll ? this.sum(s.azureAll, m + 1, this.hi) : 0;
      const excludedUnits = {} as FigureExtra["excludedUnits"];
      for (let r = 0; r < M365_REASONS.length; r++)
        excludedUnits[M365_REASONS[r]!] = s.unitsExcluded ? this.sum(s.unitsExcluded[r]!, from, m) : 0;
      excludedUnits.afterDataMonth = s.unitsAll ? this.sum(s.unitsAll, m + 1, this.hi) : 0;
      const extra: FigureExtra = {
        excluded,
        excludedUnits,
        peakCurrent: (current[i] = this.peaks(s, w.current, m)),
        peakPrevious: previous?.[i] ?? this.peaks(s, w.previous, m),
        smbByStickiness: c.current.smb && !c.currentPlain.smb,
      };
      yield {
        tenantId: t.tenantId,
        name: t.name,
        azure,
        m365Enterprise: statusOf(c.current.enterprise, c.previous.enterprise),
        m365Smb: statusOf(c.current.smb, c.previous.smb),
        acrCurrent: c.acrCurrent,
        acrPrevious: c.acrPrevious,
        extra,
      };
    }
  }
}

/**
 * One snapshot month's score being added up, series by series (the recompute scores the tenants in chunks, so its
 * memory does not grow with them): the window counts of the month and of the projection, and the near misses and
 * tenants at risk in tenant id order. A caller may take the lists' entries out between chunks (the recompute keeps
 * them as JSON text); finish() gives what is left in them.
 */
export class MonthTally {
  readonly m: number;
  readonly now: Windows;
  readonly next: Windows;
  readonly n: WindowCounts = { azureC: 0, azureP: 0, entC: 0, entP: 0, smbC: 0, smbP: 0 };
  readonly p: WindowCounts = { azureC: 0, azureP: 0, entC: 0, entP: 0, smbC: 0, smbP: 0 };
  readonly nearMisses: NearMiss[] = [];
  readonly atRisk: AtRisk[] = [];

  constructor(
    readonly ruleSet: RuleSet,
    readonly month: Month,
    readonly basis: M365Basis,
  ) {
    this.m = monthIndex(month);
    this.now = windowsFor(month, ruleSet.data.windowMonths);
    this.next = windowsFor(monthFromIndex(this.m + 1), ruleSet.data.windowMonths);
  }

  /** The result and the projection from the counts (they need no tenant), the gap, and the lists as they are. */
  finish(): { result: ScoreResult; insights: MonthInsights } {
    const rules = this.ruleSet;
    const result = resultFromCounts(rules, this.month, this.basis, this.now, this.n);
    const projection = resultFromCounts(rules, monthFromIndex(this.m + 1), this.basis, this.next, this.p);
    // gapToMaximum reads only the result and the rule set's points.
    const gap = gapToMaximum(result, { ruleSet: rules } as Aggregates);
    return { result, insights: { gap, nearMisses: this.nearMisses, atRisk: this.atRisk, projection } };
  }
}

/**
 * Prefix sums of micro-dollars. Exact as doubles while every prefix is within ±2^52 (then a window's sum, a
 * difference of two, is within ±2^53, where every integer is a double): far cheaper than a BigInt per window sum.
 * A tenant beyond that (about $4.5 billion) keeps BigInts. Comparisons mix both kinds exactly.
 */
type Money = Float64Array | BigInt64Array;
const SAFE = 2 ** 52;

/** Prefix sums over months lo … lo+n-1 of one amount per month (months absent: 0). */
function moneyPrefix(
  months: Map<number, AzureMonthTotals>,
  lo: number,
  n: number,
  pick: (t: AzureMonthTotals) => Micros,
): Money {
  const p = new Float64Array(n + 1);
  let exact = true;
  for (const [month, totals] of months) {
    const v = Number(pick(totals));
    if (Math.abs(v) > SAFE) exact = false;
    p[month - lo + 1] = v;
  }
  for (let i = 1; i <= n && exact; i++) {
    p[i]! += p[i - 1]!;
    // Every partial sum so far was within 2^52, so this one was added exactly: it shows whether it still is.
    if (Math.abs(p[i]!) > SAFE) exact = false;
  }
  if (exact) return p;
  const big = new BigInt64Array(n + 1);
  for (const [month, totals] of months) big[month - lo + 1] = pick(totals);
  for (let i = 1; i <= n; i++) big[i]! += big[i - 1]!;
  return big;
}

const micros = (v: number | bigint): Micros => (typeof v === "bigint" ? v : v === 0 ? 0n : BigInt(v));

function count(n: WindowCounts, c: Classification) {
  if (c.azureCurrent) n.azureC++;
  if (c.azurePrevious) n.azureP++;
  if (c.current.enterprise) n.entC++;
  if (c.previous.enterprise) n.entP++;
  if (c.current.smb) n.smbC++;
  if (c.previous.smb) n.smbP++;
}
