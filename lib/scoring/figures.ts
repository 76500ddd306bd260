/**
 * A tenant's standing in one snapshot as plain figures (bigint micro-dollars, units, statuses): what a snapshot
 * stores per tenant. The full explanation (CustomerDetail) follows from them and the rule set's threshold, so it
 * need not be stored: `detailFromFigures` rebuilds exactly what `describeTenant` gives (a test holds it to that).
 */
import { azureWindow, netOf, type CustomerDetail, type PeakUnits } from "./explain";
import { formatMicros, type Micros } from "./money";
import type { RuleSet } from "./rules";
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
  excluded: { service: Amount; offer: Amount; associationType: Amount; duplicate: Amount; afterDataMonth: Amount };
  excludedUnits: { workload: number; associationType: number; afterDataMonth: number };
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
      excluded: {
        service: formatMicros(big(x.excluded.service)),
        offer: formatMicros(big(x.excluded.offer)),
        associationType: formatMicros(big(x.excluded.associationType)),
        duplicate: formatMicros(big(x.excluded.duplicate)),
        afterDataMonth: formatMicros(big(x.excluded.afterDataMonth)),
      },
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

/**
 * The extra figures as short JSON text, or null when they are all zero or empty (most tenants): only keys that
 * carry something are written, amounts as micro-dollar integers in strings (exact beyond 2^53).
 */
const peaks = (list: PeakUnits[]) =>
  list.map((p) => `[${JSON.stringify(p.workload)},${p.units},"${p.month}"]`).join(",");

export function encodeExtra(x: FigureExtra): string | null {
  // Written by hand rather than JSON.stringify of an object: this runs for every tenant and month of a recompute.
  const parts: string[] = [];
  const { service, offer, associationType, duplicate, afterDataMonth } = x.excluded;
  if (!isZero(service) || !isZero(offer) || !isZero(associationType) || !isZero(duplicate) || !isZero(afterDataMonth)) {
    parts.push(`"x":["${service}","${offer}","${associationType}","${duplicate}","${afterDataMonth}"]`);
  }
  const u = x.excludedUnits;
  if (u.workload !== 0 || u.associationType !== 0 || u.afterDataMonth !== 0)
    parts.push(`"u":[${u.workload},${u.associationType},${u.afterDataMonth}]`);
  if (x.peakCurrent.length > 0) parts.push(`"c":[${peaks(x.peakCurrent)}]`);
  if (x.peakPrevious.length > 0) parts.push(`"p":[${peaks(x.peakPrevious)}]`);
  if (x.smbByStickiness) parts.push(`"s":1`);
  return parts.length > 0 ? `{${parts.join(",")}}` : null;
}

export function decodeExtra(text: string | null): FigureExtra {
  const e: Encoded = text ? (JSON.parse(text) as Encoded) : {};
  const [service, offer, associationType, duplicate, afterDataMonth] = (e.x ?? ["0", "0", "0", "0", "0"]).map((v) =>
    BigInt(v),
  ) as Micros[];
  const [workload = 0, unitsAssociation = 0, unitsAfter = 0] = e.u ?? [];
  const peaks = (list: [string, number, string][] | undefined) =>
    (list ?? []).map(([workload, units, month]) => ({ workload, units, month }));
  return {
    excluded: {
      service: service!,
      offer: offer!,
      associationType: associationType!,
      duplicate: duplicate!,
      afterDataMonth: afterDataMonth!,
    },
    excludedUnits: { workload, associationType: unitsAssociation, afterDataMonth: unitsAfter },
    peakCurrent: peaks(e.c),
    peakPrevious: peaks(e.p),
    smbByStickiness: e.s === 1,
  };
}
