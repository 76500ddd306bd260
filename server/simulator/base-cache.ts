/**
 * The simulator's base data, per process: loaded once per (organisation, latest snapshot, rule set) from totals
 * the database sums (db/queries/simulation-base.ts), then kept, so a scenario costs the few tenants it touches
 * rather than a pass over every row (issue 16: under 300 ms at 50,000 tenants). A new snapshot (an import, a
 * rollback, a settings change) has a new id, so the key changes and the stale base is never used; the least
 * recently used bases are dropped beyond a few. Several instances each keep their own: nothing to share.
 */
import type { Db } from "@/db/client";
import { latestSnapshotRef, simulationTotalsQuery, type LatestSnapshotRef } from "@/db/queries/simulation-base";
import type { RuleSet } from "@/lib/scoring";
import { SimulationBaseBuilder, type SimulationBase } from "@/lib/simulator/base";
import { openTotalsReader } from "@/db/queries/snapshot-totals";

/** About 30-60 MB each at 50,000 tenants. */
const MAX_BASES = 4;
const bases = new Map<string, Promise<SimulationBase>>();

export type LoadedBase = { base: SimulationBase; snapshot: LatestSnapshotRef };

/**
 * The base of the organisation's latest snapshot under `ruleSet`, or null when it has no snapshot yet. `tx` must
 * be a transaction (the totals stream through a cursor of it on PGlite).
 */
export async function simulationBaseFor(tx: Db, organizationId: string, ruleSet: RuleSet): Promise<LoadedBase | null> {
  const snapshot = await latestSnapshotRef(tx, organizationId);
  if (snapshot === null) return null;
  const key = `${organizationId}|${snapshot.id}|${ruleSet.id}`;
  let pending = bases.get(key);
  if (pending) {
    // Most recently used last.
    bases.delete(key);
    bases.set(key, pending);
  } else {
    pending = loadBase(tx, snapshot, ruleSet);
    bases.set(key, pending);
    pending.catch(() => bases.delete(key));
    for (const old of bases.keys()) {
      if (bases.size <= MAX_BASES) break;
      bases.delete(old);
    }
  }
  return { base: await pending, snapshot };
}

async function loadBase(tx: Db, snapshot: LatestSnapshotRef, ruleSet: RuleSet): Promise<SimulationBase> {
  const revisions = {
    azure: snapshot.revisions.filter((r) => r.source === "azure").map((r) => r.id),
    m365: snapshot.revisions.filter((r) => r.source === "m365").map((r) => r.id),
  };
  const builder = new SimulationBaseBuilder(ruleSet, snapshot.month);
  // The transaction itself as both arguments: a cursor of it, on PostgreSQL as on PGlite (the action's own
  // transaction is the only connection PGlite has).
  const reader = await openTotalsReader(tx, tx);
  try {
    for await (const rows of reader.rows(simulationTotalsQuery(ruleSet, revisions))) {
      for (const [t, k, m, n, w, v1, v2] of rows) {
        if (k === "0") builder.addAzure(t!, n ?? "", m!, BigInt(v1 ?? "0"), BigInt(v2 ?? "0"));
        else builder.addM365(t!, n ?? "", m!, w ?? null, Number(v1 ?? "0"), Number(v2 ?? "0"));
      }
    }
  } finally {
    await reader.close();
  }
  const base = builder.finish();
  // Both bases' counts now, while the loading request waits anyway, so no later change pays for them.
  base.warm();
  return base;
}

/** Drops every cached base (tests). */
export function clearSimulationBases(): void {
  bases.clear();
}
