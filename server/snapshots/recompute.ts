import { randomUUID } from "node:crypto";
import { and, eq, inArray, max, sql } from "drizzle-orm";
import { driverOf, type Db } from "@/db/client";
import { dataRevisions, imports, organizations, snapshots } from "@/db/schema";
import { Aggregates, SnapshotSeries, addMonths, getRuleSet, type M365Basis } from "@/lib/scoring";
import { lockOrganisation } from "../imports/revisions";
import { pgConnectionOf, type PgCopyClient } from "../imports/copy-rows";
import { loadAzureTotals, loadM365Totals } from "./load";
import { writeTenantRows } from "./tenant-rows";

type ActiveRevision = { id: string; source: string; month: string; revision: number };
/** After writing at least this many tenant rows, refresh the table's statistics (the pages' plans use them). */
const ANALYZE_AFTER_ROWS = 10_000;
/** Snapshot rows per INSERT (each carries its insights; 36 at most per recompute). */
const SNAPSHOT_BATCH = 12;
/** A snapshot of month M reads data from M-23 … M. */
const SPAN = 23;
const MAX_SNAPSHOT_MONTHS = 36;

/** The active revisions a snapshot of `month` depends on, as a stable key for "has its input changed?". */
function inputsOf(active: ActiveRevision[], month: string): ActiveRevision[] {
  const from = addMonths(month, -SPAN);
  return active.filter((r) => r.month >= from && r.month <= month).sort((a, b) => a.id.localeCompare(b.id));
}

function inputKey(ruleSet: string, basis: string, revisions: { id: string }[]): string {
  return `${ruleSet}|${basis}|${revisions
    .map((r) => r.id)
    .sort()
    .join(",")}`;
}

/** The latest data month brought by a successful import (the refresh the organisation is at). */
async function latestDataMonth(tx: Db, organizationId: string): Promise<string | null> {
  const [row] = await tx
    .select({ month: max(imports.dataMonth) })
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), eq(imports.status, "succeeded")));
  return row?.month ?? null;
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
export async function recomputeSnapshots(db: Db, organizationId: string): Promise<{ recomputed: string[] }> {
  const driver = driverOf(db);
  // A connection that dies while checked out emits 'error' with no pool listener: listened to until released.
  let connection: PgCopyClient | null = null;
  const ignore = () => undefined;
  try {
    const { recomputed, tenantRows } = await recompute(db, organizationId, driver, (c) => {
      connection = c;
      c?.on("error", ignore);
    });
    // After the commit (ANALYZE inside the transaction would hold its lock on the table until then).
    if (tenantRows >= ANALYZE_AFTER_ROWS) await db.execute(sql`analyze snapshot_tenants`);
    return { recomputed };
  } finally {
    (connection as PgCopyClient | null)?.removeListener("error", ignore);
  }
}

async function recompute(
  db: Db,
  organizationId: string,
  driver: "postgres" | "pglite",
  watch: (connection: PgCopyClient | null) => void,
): Promise<{ recomputed: string[]; tenantRows: number }> {
  return db.transaction(async (tx) => {
    watch(driver === "postgres" ? pgConnectionOf(tx) : null);
    await lockOrganisation(tx, organizationId);
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId));
    if (!org) return { recomputed: [], tenantRows: 0 };
    const active = await tx
      .select({
        id: dataRevisions.id,
        source: dataRevisions.source,
        month: dataRevisions.month,
        revision: dataRevisions.revision,
      })
      .from(dataRevisions)
      .where(and(eq(dataRevisions.organizationId, organizationId), eq(dataRevisions.active, true)));
    const dataMonths = snapshotMonths(active, await latestDataMonth(tx, organizationId));
    const latest = await tx
      .select({
        month: snapshots.month,
        ruleSet: snapshots.ruleSet,
        basis: snapshots.m365Basis,
        revisions: snapshots.revisions,
      })
      .from(snapshots)
      .where(and(eq(snapshots.organizationId, organizationId), eq(snapshots.latest, true)));
    const stored = new Map(latest.map((s) => [s.month, inputKey(s.ruleSet, s.basis, s.revisions)]));
    const stale = dataMonths.filter((m) => stored.get(m) !== inputKey(org.ruleSet, org.m365Basis, inputsOf(active, m)));
    if (stale.length === 0) return { recomputed: [], tenantRows: 0 };

    const series = await loadSeries(tx, org, active, addMonths(stale[0]!, -SPAN));
    const connection = driver === "postgres" ? pgConnectionOf(tx) : null;
    const versions = await nextVersions(tx, organizationId, stale);
    // Every month's tenant rows go in ONE stream (no wait for the server between months); each month is scored
    // as its rows start; the snapshot rows follow (ids chosen here), all in this one transaction.
    const { ruleSet, m365Basis } = org;
    const rows: (typeof snapshots.$inferInsert)[] = [];
    function* months() {
      for (const month of stale) {
        const id = randomUUID();
        const { result, insights } = series.score(month);
        rows.push({
          id,
          organizationId,
          month,
          version: versions.get(month) ?? 1,
          latest: true,
          ruleSet,
          m365Basis,
          result: result as unknown as Record<string, unknown>,
          bestTrack: result.bestTrack,
          points: result.points,
          insights: insights as unknown as Record<string, unknown>,
          revisions: inputsOf(active, month),
        });
        yield { snapshotId: id, tenants: series.figures(month) };
      }
    }
    const tenantRows = await writeTenantRows(tx, connection, months());
    await tx
      .update(snapshots)
      .set({ latest: false })
      .where(
        and(eq(snapshots.organizationId, organizationId), inArray(snapshots.month, stale), eq(snapshots.latest, true)),
      );
    for (let i = 0; i < rows.length; i += SNAPSHOT_BATCH)
      await tx.insert(snapshots).values(rows.slice(i, i + SNAPSHOT_BATCH));
    return { recomputed: stale, tenantRows };
  });
}

/**
 * The organisation's stored rows from `fromMonth` on, as a SnapshotSeries. The aggregates it is built from are
 * dropped on return: the series keeps what it needs in compact arrays.
 */
async function loadSeries(
  tx: Db,
  org: { ruleSet: string; m365Basis: string },
  active: ActiveRevision[],
  fromMonth: string,
): Promise<SnapshotSeries> {
  const aggregates = new Aggregates(getRuleSet(org.ruleSet));
  const ids = (source: string) => active.filter((r) => r.source === source && r.month >= fromMonth).map((r) => r.id);
  // Azure first, then M365: as the CLI reads its files (a customer name from both in one month: M365's wins).
  await loadAzureTotals(tx, aggregates, ids("azure"));
  await loadM365Totals(tx, aggregates, ids("m365"));
  return new SnapshotSeries(aggregates, org.m365Basis as M365Basis);
}

/** The version each month's new snapshot gets: one more than its latest stored version. */
async function nextVersions(tx: Db, organizationId: string, months: string[]): Promise<Map<string, number>> {
  const rows = await tx
    .select({ month: snapshots.month, version: max(snapshots.version) })
    .from(snapshots)
    .where(and(eq(snapshots.organizationId, organizationId), inArray(snapshots.month, months)))
    .groupBy(snapshots.month);
  return new Map(rows.map((r) => [r.month, (r.version ?? 0) + 1]));
}
