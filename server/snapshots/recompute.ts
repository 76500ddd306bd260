import { randomUUID } from "node:crypto";
import { driverOf, type Db } from "@/db/client";
import { connectionOf, type PgConnection } from "@/db/driver";
import {
  MonthTally,
  SnapshotSeries,
  addMonths,
  firstMonthRead,
  getRuleSet,
  type M365Basis,
  type RuleSet,
} from "@/lib/scoring";
import { latestImportedDataMonth } from "@/db/queries/imports";
import { findOrganizationById, lockOrganization } from "@/db/queries/organizations";
import { listActiveRevisions } from "@/db/queries/revisions";
import { analyzeSnapshotTenants, writeTenantRows } from "@/db/queries/snapshot-tenants";
import { openTotalsReader, tenantChunks } from "@/db/queries/snapshot-totals";
import {
  insertSnapshotVersion,
  listLatestSnapshotInputs,
  nextSnapshotVersions,
  supersedeLatestSnapshots,
  type NewSnapshotVersion,
} from "@/db/queries/snapshot-versions";

type ActiveRevision = { id: string; source: string; month: string; revision: number };
/** After writing at least this many tenant rows, refresh the table's statistics (the pages' plans use them). */
const ANALYZE_AFTER_ROWS = 10_000;
const MAX_SNAPSHOT_MONTHS = 36;
/**
 * Tenants scored at a time. The recompute's memory follows this, not the organisation's size; larger chunks only
 * spread a small cost per chunk and month over more tenants.
 */
const TENANTS_PER_CHUNK = 1_000;

/**
 * The active revisions a snapshot of `month` depends on (its windows' months under the rule set: M-23 … M for
 * 12-month windows), as a stable key for "has its input changed?".
 */
function inputsOf(active: ActiveRevision[], month: string, ruleSet: RuleSet): ActiveRevision[] {
  const from = firstMonthRead(month, ruleSet.data.windowMonths);
  return active.filter((r) => r.month >= from && r.month <= month).sort((a, b) => a.id.localeCompare(b.id));
}

function inputKey(ruleSet: string, basis: string, revisions: { id: string }[]): string {
  return `${ruleSet}|${basis}|${revisions
    .map((r) => r.id)
    .sort()
    .join(",")}`;
}

/**
 * Snapshot months: every month from the first month with data through the latest imported data month (a month
 * without rows still has windows in which tenants qualify), at most the last 36.
 */
export function snapshotMonths(active: { month: string }[], latest: string | null): string[] {
  if (latest === null || active.length === 0) return [];
  const first = active.reduce((m, r) => (r.month < m ? r.month : m), latest);
  const months: string[] = [];
  for (let m = latest; m >= first && months.length < MAX_SNAPSHOT_MONTHS; m = addMonths(m, -1)) months.unshift(m);
  return months;
}

/**
 * Brings every snapshot of the organisation up to date: a data month gets a new snapshot version when the data
 * its windows read (M-23 … M), the rule set or the M365 basis changed since its latest version — so an import, a
 * rollback or a settings change recomputes exactly the affected months, and running it twice changes nothing.
 */
export async function recomputeSnapshots(
  db: Db,
  organizationId: string,
  options: { tenantsPerChunk?: number } = {},
): Promise<{ recomputed: string[] }> {
  const driver = driverOf(db);
  // A connection that dies while checked out emits 'error' with no pool listener: listened to until released.
  let connection: PgConnection | null = null;
  const ignore = () => undefined;
  try {
    const chunk = options.tenantsPerChunk ?? TENANTS_PER_CHUNK;
    const { recomputed, tenantRows } = await recompute(db, organizationId, driver, chunk, (c) => {
      connection = c;
      c?.on("error", ignore);
    });
    // After the commit (ANALYZE inside the transaction would hold its lock on the table until then).
    if (tenantRows >= ANALYZE_AFTER_ROWS) await analyzeSnapshotTenants(db);
    return { recomputed };
  } finally {
    (connection as PgConnection | null)?.removeListener("error", ignore);
  }
}

async function recompute(
  db: Db,
  organizationId: string,
  driver: "postgres" | "pglite",
  tenantsPerChunk: number,
  watch: (connection: PgConnection | null) => void,
): Promise<{ recomputed: string[]; tenantRows: number }> {
  return db.transaction(async (tx) => {
    watch(driver === "postgres" ? connectionOf(tx) : null);
    await lockOrganization(tx, organizationId);
    const org = await findOrganizationById(tx, organizationId);
    if (!org) return { recomputed: [], tenantRows: 0 };
    const active = await listActiveRevisions(tx, organizationId);
    const dataMonths = snapshotMonths(active, await latestImportedDataMonth(tx, organizationId));
    const latest = await listLatestSnapshotInputs(tx, organizationId);
    const stored = new Map(latest.map((s) => [s.month, inputKey(s.ruleSet, s.basis, s.revisions)]));
    const { ruleSet: ruleSetId, m365Basis } = org;
    const ruleSet = getRuleSet(ruleSetId);
    const stale = dataMonths.filter(
      (m) => stored.get(m) !== inputKey(ruleSetId, m365Basis, inputsOf(active, m, ruleSet)),
    );
    if (stale.length === 0) return { recomputed: [], tenantRows: 0 };

    const basis = m365Basis as M365Basis;
    const fromMonth = firstMonthRead(stale[0]!, ruleSet.data.windowMonths);
    const ids = (source: string) => active.filter((r) => r.source === source && r.month >= fromMonth).map((r) => r.id);
    const versions = await nextSnapshotVersions(tx, organizationId, stale);
    // Snapshot ids chosen up front: the tenant rows go first, the snapshot rows follow in this transaction.
    const snapshotIds = stale.map(() => randomUUID());
    const tallies = stale.map((month) => new MonthTally(ruleSet, month, basis));
    // Each month's near misses and tenants at risk as JSON text, a piece per chunk of tenants: the one thing kept
    // per tenant (those lists are stored whole), at a fraction of the objects' memory and outside the JS heap.
    const lists = stale.map(() => ({ nearMisses: [] as Buffer[], atRisk: [] as Buffer[] }));
    const reader = await openTotalsReader(db, tx);
    let tenantRows: number;
    try {
      // A chunk of tenants at a time, every month: scored (the counts and lists added to the month's tally) and
      // its tenant rows written, as ONE COPY stream on PostgreSQL; the next chunk is read meanwhile.
      async function* chunks() {
        const revisions = { azure: ids("azure"), m365: ids("m365") };
        for await (const aggregates of tenantChunks(reader, ruleSet, revisions, tenantsPerChunk)) {
          const series = new SnapshotSeries(aggregates, basis);
          for (let i = 0; i < stale.length; i++) {
            series.tally(tallies[i]!);
            takeLists(tallies[i]!, lists[i]!);
            yield { snapshotId: snapshotIds[i]!, tenants: series.figures(stale[i]!) };
          }
        }
      }
      tenantRows = await writeTenantRows(tx, driver === "postgres" ? connectionOf(tx) : null, chunks());
    } finally {
      await reader.close();
    }
    // One snapshot row at a time: its insights are the largest thing it holds (its lists whole, as JSON text).
    const row = (i: number): NewSnapshotVersion => {
      const month = stale[i]!;
      const { result, insights } = tallies[i]!.finish();
      const { nearMisses, atRisk } = lists[i]!;
      const json = Buffer.concat([
        Buffer.from(`{"gap":${JSON.stringify(insights.gap)},"nearMisses":[`),
        ...commaSeparated(nearMisses),
        Buffer.from(`],"atRisk":[`),
        ...commaSeparated(atRisk),
        Buffer.from(`],"projection":${JSON.stringify(insights.projection)}}`),
      ]).toString();
      return {
        id: snapshotIds[i]!,
        organizationId,
        month,
        version: versions.get(month) ?? 1,
        latest: true,
        ruleSet: ruleSetId,
        m365Basis,
        result: result as unknown as Record<string, unknown>,
        bestTrack: result.bestTrack,
        points: result.points,
        insightsJson: json,
        revisions: inputsOf(active, month, ruleSet),
      };
    };
    await supersedeLatestSnapshots(tx, organizationId, stale);
    for (let i = 0; i < stale.length; i++) await insertSnapshotVersion(tx, row(i));
    return { recomputed: stale, tenantRows };
  });
}

/** Moves the entries a chunk added to the tally's lists into `lists`, as JSON text (one piece per chunk). */
function takeLists(tally: MonthTally, lists: { nearMisses: Buffer[]; atRisk: Buffer[] }) {
  const text = (entries: object[]) => Buffer.from(entries.map((x) => JSON.stringify(x)).join(","));
  if (tally.nearMisses.length > 0) lists.nearMisses.push(text(tally.nearMisses));
  if (tally.atRisk.length > 0) lists.atRisk.push(text(tally.atRisk));
  tally.nearMisses.length = 0;
  tally.atRisk.length = 0;
}

const COMMA = Buffer.from(",");
const commaSeparated = (pieces: Buffer[]): Buffer[] => pieces.flatMap((p, i) => (i === 0 ? [p] : [COMMA, p]));
