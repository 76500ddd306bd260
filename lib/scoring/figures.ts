/**
 * A tenant's standing in one snapshot as plain figures (bigint micro-dollars, units, statuses): what a snapshot
 * stores per tenant. The full explanation (CustomerDetail) follows from them and the rule set's threshold, so it
 * need not be stored: `detailFromFigures` rebuilds exactly what `describeTenant` gives (a test holds it to that).
 */
import { azureWindow, formatAmounts, netOf, type CustomerDetail, type PeakUnits } from "./explain";
import type { Micros } from "./money";
import type { RuleSet } from "./rules";
import { AZURE_REASONS, M365_REASONS, type AzureReason, type M365Reason } from "./rules/row-tests";
import type { TenantStatus, Track } from "./types";

/**
 * Micro-dollars as a bigint, or as a number when the engine summed them exactly as a double (|value| ≤ 2^53):
 * either prints as the same integer, and the recompute writes millions of them.
 */
export type Amount = Micros | number;
const big = (v: Amount): Micros => (typeof v === "bigint" ? v : BigInt(v));
const isZero = (v: Amount) => v === 0 || v === 0n;

export interface TenantFigures {
  tenantId: string;
  name: string;
  azure: TenantStatus;
  m365Enterprise: TenantStatus;
  m365Smb: TenantStatus;
  acrCurrent: Amount;
  acrPrevious: Amount;
  /** The figures with no column of their own in the stored row (see encodeExtra). */
  extra: FigureExtra;
}

export interface FigureExtra {
  /** Azure amounts in either window that did not count, by reason, and amounts dated after the data month. */
  excluded: Record<AzureReason | "afterDataMonth", Amount>;
  excludedUnits: Record<M365Reason | "afterDataMonth", number>;
  peakCurrent: PeakUnits[];
  peakPrevious: PeakUnits[];
  smbByStickiness: boolean;
}

const inCurrent = (s: TenantStatus) => s === "gained" || s === "retained";
const inPrevious = (s: TenantStatus) => s === "lost" || s === "retained";

export function detailFromFigures(f: TenantFigures, ruleSet: Pick<RuleSet, "minimumEligibleAcr">): CustomerDetail {
  const x = f.extra;
  const track = (m365: TenantStatus) => ({ azure: f.azure, m365, net: netOf(f.azure) + netOf(m365) });
  const tracks: Record<Track, ReturnType<typeof track>> = {
    enterprise: track(f.m365Enterprise),
    smb: track(f.m365Smb),
  };
  return {
    tenantId: f.tenantId,
    name: f.name,
    tracks,
    azure: {
      current: azureWindow(big(f.acrCurrent), inCurrent(f.azure), ruleSet as RuleSet),
      previous: azureWindow(big(f.acrPrevious), inPrevious(f.azure), ruleSet as RuleSet),
      excluded: formatAmounts(bigAmounts(x.excluded)),
    },
    m365: {
      current: {
        enterprise: inCurrent(f.m365Enterprise),
        smb: inCurrent(f.m365Smb),
        smbByStickiness: x.smbByStickiness,
        peakUnits: x.peakCurrent,
      },
      previous: { enterprise: inPrevious(f.m365Enterprise), smb: inPrevious(f.m365Smb), peakUnits: x.peakPrevious },
      excludedUnits: { ...x.excludedUnits },
    },
  };
}

type Encoded = { x?: string[]; u?: number[]; c?: [string, number, string][]; p?: [string, number, string][]; s?: 1 };

function bigAmounts(amounts: FigureExtra["excluded"]): Record<AzureReason | "afterDataMonth", Micros> {
  const out = {} as Record<AzureReason | "afterDataMonth", Micros>;
  for (const reason of AZURE_REASONS) out[reason] = big(amounts[reason]);
  out.afterDataMonth = big(amounts.afterDataMonth);
  return out;
}

/**
 * The extra figures as short JSON text, or null when they are all zero or empty (most tenants): only keys that
 * carry something are written, amounts as micro-dollar integers in strings (exact beyond 2^53). The excluded
 * amounts and units are arrays in the order of the rule tests' reasons (rules/row-tests.ts), then the amount
 * dated after the data month.
 */
const peaks = (list: PeakUnits[]) =>
  list.map((p) => `[${JSON.stringify(p.workload)},${p.units},"${p.month}"]`).join(",");

export function encodeExtra(x: FigureExtra): string | null {
  // Written by hand rather than JSON.stringify of an object: this runs for every tenant and month of a recompute.
  const parts: string[] = [];
  const e = x.excluded;
  let any = !isZero(e.afterDataMonth);
  for (let i = 0; !any && i < AZURE_REASONS.length; i++) any = !isZero(e[AZURE_REASONS[i]!]);
  if (any) parts.push(`"x":[${AZURE_REASONS.map((r) => `"${e[r]}"`).join(",")},"${e.afterDataMonth}"]`);
  const u = x.excludedUnits;
  any = u.afterDataMonth !== 0;
  for (let i = 0; !any && i < M365_REASONS.length; i++) any = u[M365_REASONS[i]!] !== 0;
  if (any) parts.push(`"u":[${M365_REASONS.map((r) => u[r]).join(",")},${u.afterDataMonth}]`);
  if (x.peakCurrent.length > 0) parts.push(`"c":[${peaks(x.peakCurrent)}]`);
  if (x.peakPrevious.length > 0) parts.push(`"p":[${peaks(x.peakPrevious)}]`);
  if (x.smbByStickiness) parts.push(`"s":1`);
  return parts.length > 0 ? `{${parts.join(",")}}` : null;
}

export function decodeExtra(text: string | null): FigureExtra {
  const e: Encoded = text ? (JSON.parse(text) as Encoded) : {};
  const x = e.x ?? [];
  const excluded = {} as FigureExtra["excluded"];
  AZURE_REASONS.forEach((reason, i) => (excluded[reason] = BigInt(x[i] ?? "0")));
  excluded.afterDataMonth = BigInt(x[AZURE_REASONS.length] ?? "0");
  const u = e.u ?? [];
  const excludedUnits = {} as FigureExtra["excludedUnits"];
  M365_REASONS.forEach((reason, i) => (excludedUnits[reason] = u[i] ?? 0));
  excludedUnits.afterDataMonth = u[M365_REASONS.length] ?? 0;
  const peaks = (list: [string, number, string][] | undefined) =>
    (list ?? []).map(([workload, units, month]) => ({ workload, units, month }));
  return {
    excluded,
    excludedUnits,
    peakCurrent: peaks(e.c),
    peakPrevious: peaks(e.p),
    smbByStickiness: e.s === 1,
  };
}
