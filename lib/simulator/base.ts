/**
 * The data of an organisation's latest snapshot, held compactly for the simulator (issue 16): per tenant and
 * month the Azure amounts, per tenant, month and workload the M365 units (tenant-data.ts), in flat typed arrays
 * indexed by tenant (about 40 bytes a tenant-month, so 50,000 tenants take tens of MB, not the hundreds a Map per
 * tenant would). Built once per snapshot and rule set from totals the database sums; a scenario then rebuilds
 * only the tenants it changes. Pure: no database.
 */
import {
  M365_BASES,
  classifyTenant,
  monthFromIndex,
  monthIndex,
  windowsFor,
  type M365Basis,
  type Micros,
  type Month,
  type RuleSet,
} from "@/lib/scoring";
import type { WindowCounts } from "@/lib/scoring/score";
import { MONTHS_AFTER, MONTHS_BEFORE } from "./scenario";
import { toAggregate, type TenantData } from "./tenant-data";
import { candidatesOf, CANDIDATE_KINDS, type Candidate, type CandidateKind } from "./candidates";

/** Candidates kept per month, basis and kind from the untouched data (the plan shows a handful). */
const KEPT_CANDIDATES = 200;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** The counts and cheapest candidates of one month (M … M+3) with no change, for one basis. */
export interface MonthBaseline {
  month: Month;
  counts: WindowCounts;
  candidates: Record<CandidateKind, Candidate[]>;
}

class Growable<A extends Int32Array | Float64Array | BigInt64Array | Uint8Array> {
  length = 0;
  constructor(
    public array: A,
    private readonly make: (n: number) => A,
  ) {}
  push(value: A[number]) {
    if (this.length === this.array.length) {
      const bigger = this.make(this.array.length * 2);
      bigger.set(this.array as never);
      this.array = bigger;
    }
    (this.array as { [i: number]: A[number] })[this.length++] = value;
  }
  done(): A {
    return this.array.subarray(0, this.length) as A;
  }
}

export class SimulationBase {
  readonly baseMonth: Month;
  readonly m: number;
  /** The rule set's workloads (the names units are summed under), in name order. */
  readonly workloads: readonly string[];
  private readonly index = new Map<string, number>();
  private readonly baselines = new Map<M365Basis, MonthBaseline[]>();

  constructor(
    readonly ruleSet: RuleSet,
    baseMonth: Month,
    private readonly ids: string[],
    private readonly names: string[],
    private readonly az: {
      start: Int32Array;
      month: Int32Array;
      eligible: BigInt64Array;
      nonDuplicate: BigInt64Array;
      /** Entries whose amounts do not fit 64 bits (a stored sum beyond ±$9.2 trillion), kept exactly. */
      wide: Map<number, [Micros, Micros]>;
    },
    private readonly ms: {
      start: Int32Array;
      month: Int32Array;
      workload: Uint8Array;
      eligible: Float64Array;
      all: Float64Array;
    },
  ) {
    this.baseMonth = baseMonth;
    this.m = monthIndex(baseMonth);
    this.workloads = workloadsOf(ruleSet);
    ids.forEach((id, i) => this.index.set(id, i));
  }

  get tenantCount(): number {
    return this.ids.length;
  }

  hasTenant(tenantId: string): boolean {
    return this.index.has(tenantId);
  }

  tenantName(tenantId: string): string | null {
    const i = this.index.get(tenantId);
    return i === undefined ? null : this.names[i]!;
  }

  /** A tenant's data as the simulator changes it, or null when the tenant has none. */
  tenant(tenantId: string): TenantData | null {
    const i = this.index.get(tenantId);
    return i === undefined ? null : this.tenantAt(i);
  }

  private tenantAt(i: number): TenantData {
    const data: TenantData = { tenantId: this.ids[i]!, name: this.names[i]!, azure: new Map(), m365: new Map() };
    const az = this.az;
    for (let e = az.start[i]!; e < az.start[i + 1]!; e++) {
      const wide = az.wide.get(e);
      data.azure.set(az.month[e]!, {
        eligible: wide ? wide[0] : az.eligible[e]!,
        nonDuplicate: wide ? wide[1] : az.nonDuplicate[e]!,
      });
    }
    const ms = this.ms;
    for (let e = ms.start[i]!; e < ms.start[i + 1]!; e++) {
      let cells = data.m365.get(ms.month[e]!);
      if (!cells) data.m365.set(ms.month[e]!, (cells = new Map()));
      cells.set(this.workloads[ms.workload[e]!]!, { eligible: ms.eligible[e]!, all: ms.all[e]! });
    }
    return data;
  }

  /** Tenants whose id or name contains `text` (case-insensitive), at most `limit`, for the page's picker. */
  findTenants(text: string, limit: number): { tenantId: string; name: string }[] {
    const needle = text.trim().toLowerCase();
    const found: { tenantId: string; name: string }[] = [];
    if (needle === "") return found;
    for (let i = 0; i < this.ids.length && found.length < limit; i++) {
      if (this.ids[i]!.includes(needle) || this.names[i]!.toLowerCase().includes(needle))
        found.push({ tenantId: this.ids[i]!, name: this.names[i]! });
    }
    return found;
  }

  /** The months a result covers: the base month and the next three. */
  months(): Month[] {
    return Array.from({ length: MONTHS_AFTER + 1 }, (_, k) => monthFromIndex(this.m + k));
  }

  /**
   * Counts and candidates of every month with no change, for a basis: every tenant classified once per month by
   * the engine (classifyTenant), the sums kept. Computed on first use and kept with the base.
   */
  baseline(basis: M365Basis): MonthBaseline[] {
    let baseline = this.baselines.get(basis);
    if (baseline) return baseline;
    const months = this.months();
    baseline = months.map((month) => ({
      month,
      counts: { azureC: 0, azureP: 0, entC: 0, entP: 0, smbC: 0, smbP: 0 },
      candidates: { azure: [], enterprise: [], smb: [] } as Record<CandidateKind, Candidate[]>,
    }));
    const windows = months.map((month) => windowsFor(month, this.ruleSet.data.windowMonths));
    for (let i = 0; i < this.ids.length; i++) {
      const data = this.tenantAt(i);
      const aggregate = toAggregate(data);
      for (let k = 0; k < months.length; k++) {
        const c = classifyTenant(aggregate, this.ruleSet, windows[k]!, basis, this.m + k);
        addCounts(baseline[k]!.counts, c, 1);
        const found = candidatesOf(data, c, this.ruleSet, this.m + k);
        for (const kind of CANDIDATE_KINDS) {
          const candidate = found[kind];
          if (candidate) keepCheapest(baseline[k]!.candidates[kind], candidate);
        }
      }
    }
    this.baselines.set(basis, baseline);
    return baseline;
  }

  /** Both bases' baselines, so the first simulation under either basis does not pay for them. */
  warm(): void {
    for (const basis of M365_BASES) this.baseline(basis);
  }
}

/** Adds (sign 1) or removes (sign -1) a tenant's classification from window counts. */
export function addCounts(n: WindowCounts, c: ReturnType<typeof classifyTenant>, sign: 1 | -1): void {
  if (c.azure.current) n.azureC += sign;
  if (c.azure.previous) n.azureP += sign;
  if (c.m365.current.enterprise) n.entC += sign;
  if (c.m365.previous.enterprise) n.entP += sign;
  if (c.m365.current.smb) n.smbC += sign;
  if (c.m365.previous.smb) n.smbP += sign;
}

/** Keeps the KEPT_CANDIDATES cheapest (sorted) by insertion: most tenants are not candidates at all. */
function keepCheapest(list: Candidate[], candidate: Candidate) {
  if (list.length === KEPT_CANDIDATES && compareCandidates(candidate, list[list.length - 1]!) >= 0) return;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareCandidates(list[mid]!, candidate) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, candidate);
  if (list.length > KEPT_CANDIDATES) list.pop();
}

export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.cost !== b.cost) return a.cost < b.cost ? -1 : 1;
  return a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0;
}

export function workloadsOf(ruleSet: RuleSet): string[] {
  return [...new Set(ruleSet.m365Workloads.values())].sort();
}

/**
 * Builds a base from totals arriving tenant by tenant (every total of a tenant before the next tenant's, as the
 * database sends them ordered by tenant). Totals outside the 24 months the base month reads are ignored.
 */
export class SimulationBaseBuilder {
  private readonly ids: string[] = [];
  private readonly names: string[] = [];
  private nameMonth = -1;
  private readonly from: number;
  private readonly to: number;
  private readonly workloadIndex: Map<string, number>;
  private readonly azStart: number[] = [];
  private readonly azMonth = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly azEligible = new Growable(new BigInt64Array(1024), (n) => new BigInt64Array(n));
  private readonly azNonDuplicate = new Growable(new BigInt64Array(1024), (n) => new BigInt64Array(n));
  private readonly azWide = new Map<number, [Micros, Micros]>();
  private readonly msStart: number[] = [];
  private readonly msMonth = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly msWorkload = new Growable(new Uint8Array(1024), (n) => new Uint8Array(n));
  private readonly msEligible = new Growable(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly msAll = new Growable(new Float64Array(1024), (n) => new Float64Array(n));
  /** The current tenant's totals, merged per month (and workload) before they are appended. */
  private azure = new Map<number, [Micros, Micros]>();
  private m365 = new Map<string, [number, number, number, number]>();

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly baseMonth: Month,
  ) {
    this.to = monthIndex(baseMonth);
    this.from = this.to - MONTHS_BEFORE;
    this.workloadIndex = new Map(workloadsOf(ruleSet).map((w, i) => [w, i]));
  }

  private tenant(tenantId: string, name: string, month: number) {
    if (this.ids[this.ids.length - 1] !== tenantId) {
      this.flush();
      this.ids.push(tenantId);
      this.names.push("");
      this.nameMonth = -1;
    }
    // The customer name from the latest month that has one (as the engine takes it).
    if (name !== "" && month >= this.nameMonth) {
      this.names[this.names.length - 1] = name;
      this.nameMonth = month;
    }
  }

  /** A tenant-month's Azure totals: eligible ACR, and ACR passing service and offer, not duplicate. */
  addAzure(tenantId: string, name: string, month: Month, eligible: Micros, nonDuplicate: Micros): void {
    const index = monthIndex(month);
    if (index < this.from || index > this.to) return;
    this.tenant(tenantId, name, index);
    const cell = this.azure.get(index);
    if (cell) {
      cell[0] += eligible;
      cell[1] += nonDuplicate;
    } else this.azure.set(index, [eligible, nonDuplicate]);
  }

  /**
   * A tenant-month's units of one workload of the rule set (null: rows of no eligible workload, which only make
   * the tenant known): on rows of an eligible association type, and on all rows.
   */
  addM365(tenantId: string, name: string, month: Month, workload: string | null, eligible: number, all: number) {
    const index = monthIndex(month);
    if (index < this.from || index > this.to) return;
    this.tenant(tenantId, name, index);
    if (workload === null) return;
    const w = this.workloadIndex.get(workload);
    if (w === undefined) throw new Error(`${workload} is not a workload of ${this.ruleSet.id}`);
    const key = `${index}|${w}`;
    const cell = this.m365.get(key);
    if (cell) {
      cell[2] += eligible;
      cell[3] += all;
    } else this.m365.set(key, [index, w, eligible, all]);
  }

  private flush() {
    if (this.ids.length === 0) return;
    this.azStart.push(this.azMonth.length);
    for (const [month, [eligible, nonDuplicate]] of [...this.azure].sort((a, b) => a[0] - b[0])) {
      const fits = (v: bigint) => v >= INT64_MIN && v <= INT64_MAX;
      if (!fits(eligible) || !fits(nonDuplicate)) this.azWide.set(this.azMonth.length, [eligible, nonDuplicate]);
      this.azMonth.push(month);
      this.azEligible.push(fits(eligible) ? eligible : 0n);
      this.azNonDuplicate.push(fits(nonDuplicate) ? nonDuplicate : 0n);
    }
    this.msStart.push(this.msMonth.length);
    for (const [month, w, eligible, all] of this.m365.values()) {
      this.msMonth.push(month);
      this.msWorkload.push(w);
      this.msEligible.push(eligible);
      this.msAll.push(all);
    }
    this.azure = new Map();
    this.m365 = new Map();
  }

  finish(): SimulationBase {
    this.flush();
    // Tenants must arrive grouped; a repeated id would mean they did not.
    if (new Set(this.ids).size !== this.ids.length) throw new Error("totals must arrive grouped by tenant");
    return new SimulationBase(
      this.ruleSet,
      this.baseMonth,
      this.ids,
      this.names,
      {
        start: Int32Array.from([...this.azStart, this.azMonth.length]),
        month: this.azMonth.done(),
        eligible: this.azEligible.done(),
        nonDuplicate: this.azNonDuplicate.done(),
        wide: this.azWide,
      },
      {
        start: Int32Array.from([...this.msStart, this.msMonth.length]),
        month: this.msMonth.done(),
        workload: this.msWorkload.done(),
        eligible: this.msEligible.done(),
        all: this.msAll.done(),
      },
    );
  }
}
