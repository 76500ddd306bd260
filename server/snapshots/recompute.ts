import { and, desc, eq, inArray, max, sql } from "drizzle-orm";
import { driverOf, type Db } from "@/db/client";
import { azureUsage, dataRevisions, imports, m365Licences, organizations, snapshots, snapshotTenants } from "@/db/schema";
import {
  Aggregates,
  addMonths,
  atRiskNextMonth,
  gapToMaximum,
  getRuleSet,
  nearMisses,
  parseMicros,
  projectNextMonth,
  scoreAggregates,
  type M365Basis,
  type CustomerDetail,
} from "@/lib/scoring";
import { lockOrganisation } from "../imports/commit";
import { CopyWriter, copyText, pgConnectionOf, type PgCopyClient } from "../imports/copy-rows";

type ActiveRevision = { id: string; source: string; month: string; revision: number };
const TENANT_BATCH = 500;
/** A snapshot of month M reads data from M-23 … M. */
const SPAN = 23;
const MAX_SNAPSHOT_MONTHS = 36;

/** The active revisions a snapshot of `month` depends on, as a stable key for "has its input changed?". */
function inputsOf(active: ActiveRevision[], month: string): ActiveRevision[] {
  const from = addMonths(month, -SPAN);
  return active.filter((r) => r.month >= from && r.month <= month).sort((a, b) => a.id.localeCompare(b.id));
}

function inputKey(ruleSet: string, basis: string, revisions: { id: string }[]): string {
  return `${ruleSet}|${basis}|${revisions.map((r) => r.id).sort().join(",")}`;
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
    return await recompute(db, organizationId, driver, (c) => {
      connection = c;
      c?.on("error", ignore);
    });
  } finally {
    (connection as PgCopyClient | null)?.removeListener("error", ignore);
  }
}

async function recompute(
  db: Db,
  organizationId: string,
  driver: "postgres" | "pglite",
  watch: (connection: PgCopyClient | null) => void,
): Promise<{ recomputed: string[] }> {
  return db.transaction(async (tx) => {
    watch(driver === "postgres" ? pgConnectionOf(tx) : null);
    await lockOrganisation(tx, organizationId);
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId));
    if (!org) return { recomputed: [] };
    const active = await tx
      .select({ id: dataRevisions.id, source: dataRevisions.source, month: dataRevisions.month, revision: dataRevisions.revision })
      .from(dataRevisions)
      .where(and(eq(dataRevisions.organizationId, organizationId), eq(dataRevisions.active, true)));
    const dataMonths = snapshotMonths(active, await latestDataMonth(tx, organizationId));
    const latest = await tx
      .select({ month: snapshots.month, ruleSet: snapshots.ruleSet, basis: snapshots.m365Basis, revisions: snapshots.revisions })
      .from(snapshots)
      .where(and(eq(snapshots.organizationId, organizationId), eq(snapshots.latest, true)));
    const stored = new Map(latest.map((s) => [s.month, inputKey(s.ruleSet, s.basis, s.revisions)]));
    const stale = dataMonths.filter((m) => stored.get(m) !== inputKey(org.ruleSet, org.m365Basis, inputsOf(active, m)));
    if (stale.length === 0) return { recomputed: [] };

    const ruleSet = getRuleSet(org.ruleSet);
    const aggregates = new Aggregates(ruleSet);
    await loadAggregates(tx, aggregates, active, addMonths(stale[0]!, -SPAN));
    const basis = org.m365Basis as M365Basis;
    for (const month of stale) {
      await writeSnapshot(tx, { organizationId, month, ruleSet: org.ruleSet, basis, aggregates, inputs: inputsOf(active, month), driver });
    }
    return { recomputed: stale };
  });
}

/**
 * Feeds the stored rows into the engine's aggregator, pre-summed by the database: aggregation is additive, so
 * a GROUP BY over identical keys gives the same totals with far fewer rows crossing the wire.
 */
async function loadAggregates(tx: Db, aggregates: Aggregates, active: ActiveRevision[], fromMonth: string) {
  const ids = (source: string) => active.filter((r) => r.source === source && r.month >= fromMonth).map((r) => r.id);
  // One query per source (a revision is one month, so grouping across revisions sums nothing it should not).
  const azureIds = ids("azure");
  if (azureIds.length > 0) {
    const rows = await tx
      .select({
        tenantId: azureUsage.tenantId,
        customerName: azureUsage.customerName,
        month: azureUsage.month,
        service: azureUsage.service,
        offer: azureUsage.offer,
        associationType: azureUsage.associationType,
        duplicate: azureUsage.duplicate,
        acr: sql<string>`sum(${azureUsage.acrMicros})::text`,
      })
      .from(azureUsage)
      .where(inArray(azureUsage.revisionId, azureIds))
      .groupBy(azureUsage.revisionId, azureUsage.tenantId, azureUsage.customerName, azureUsage.month, azureUsage.service, azureUsage.offer, azureUsage.associationType, azureUsage.duplicate);
    for (const r of rows) aggregates.addAzureRow({ ...r, acr: BigInt(r.acr) });
  }
  const m365Ids = ids("m365");
  if (m365Ids.length > 0) {
    const rows = await tx
      .select({
        tenantId: m365Licences.tenantId,
        customerName: m365Licences.customerName,
        month: m365Licences.month,
        workload: m365Licences.workload,
        associationType: m365Licences.associationType,
        paidUnits: sql<string>`sum(${m365Licences.paidUnits})::text`,
      })
      .from(m365Licences)
      .where(inArray(m365Licences.revisionId, m365Ids))
      .groupBy(m365Licences.revisionId, m365Licences.tenantId, m365Licences.customerName, m365Licences.month, m365Licences.workload, m365Licences.associationType);
    for (const r of rows) aggregates.addM365Row({ ...r, paidUnits: Number(r.paidUnits) });
  }
}

async function writeSnapshot(
  tx: Db,
  s: {
    organizationId: string;
    month: string;
    ruleSet: string;
    basis: M365Basis;
    aggregates: Aggregates;
    inputs: ActiveRevision[];
    driver: "postgres" | "pglite";
  },
) {
  const result = scoreAggregates(s.aggregates, { month: s.month, m365Basis: s.basis, details: true });
  const { customers = [], ...summary } = result;
  const options = { month: s.month, m365Basis: s.basis };
  const insights = {
    gap: gapToMaximum(result, s.aggregates),
    nearMisses: nearMisses(s.aggregates, options),
    atRisk: atRiskNextMonth(s.aggregates, options),
    projection: projectNextMonth(s.aggregates, options),
  };
  const [previous] = await tx
    .select({ version: snapshots.version })
    .from(snapshots)
    .where(and(eq(snapshots.organizationId, s.organizationId), eq(snapshots.month, s.month)))
    .orderBy(desc(snapshots.version))
    .limit(1);
  await tx
    .update(snapshots)
    .set({ latest: false })
    .where(and(eq(snapshots.organizationId, s.organizationId), eq(snapshots.month, s.month), eq(snapshots.latest, true)));
  const [row] = await tx
    .insert(snapshots)
    .values({
      organizationId: s.organizationId,
      month: s.month,
      version: (previous?.version ?? 0) + 1,
      latest: true,
      ruleSet: s.ruleSet,
      m365Basis: s.basis,
      result: summary as unknown as Record<string, unknown>,
      bestTrack: result.bestTrack,
      points: result.points,
      insights: insights as unknown as Record<string, unknown>,
      revisions: s.inputs,
    })
    .returning({ id: snapshots.id });
  const connection = pgConnectionOf(tx);
  if (connection !== null && s.driver === "postgres") {
    await copyTenantRows(connection, row!.id, customers);
    return;
  }
  for (let i = 0; i < customers.length; i += TENANT_BATCH) {
    await tx.insert(snapshotTenants).values(customers.slice(i, i + TENANT_BATCH).map((c) => tenantRow(row!.id, c)));
  }
}

const TENANTS_COPY =
  "COPY snapshot_tenants (snapshot_id, tenant_id, customer_name, azure_status, m365_enterprise_status, m365_smb_status, acr_current_micros, acr_previous_micros, peak_units_current, details) FROM STDIN";
/** Text sent to the connection at a time: large enough to keep the server busy, small enough to stay lean. */
const COPY_CHUNK_CHARS = 1 << 20;

/** The same rows as tenantRow, as COPY text lines on the transaction's connection (PostgreSQL). */
async function copyTenantRows(connection: PgCopyClient, snapshotId: string, customers: CustomerDetail[]) {
  if (customers.length === 0) return;
  const writer = new CopyWriter(connection, TENANTS_COPY);
  try {
    for (const c of customers) {
      const r = tenantRow(snapshotId, c);
      writer.add(
        `${snapshotId}\t${r.tenantId}\t${copyText(r.customerName)}\t${r.azureStatus}\t${r.m365EnterpriseStatus}\t${r.m365SmbStatus}\t${r.acrCurrentMicros}\t${r.acrPreviousMicros}\t${r.peakUnitsCurrent}\t${copyText(JSON.stringify(c))}\n`,
      );
      if (writer.buffered >= COPY_CHUNK_CHARS) await writer.flush();
    }
    const stored = await writer.end();
    if (stored !== customers.length) throw new Error(`snapshot_tenants: the database stored ${stored} of ${customers.length} rows`);
  } catch (err) {
    await writer.abort(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
}

function tenantRow(snapshotId: string, c: CustomerDetail) {
  const peak = c.m365.current.peakUnits[0]?.units ?? 0;
  return {
    snapshotId,
    tenantId: c.tenantId,
    customerName: c.name,
    azureStatus: c.tracks.enterprise.azure,
    m365EnterpriseStatus: c.tracks.enterprise.m365,
    m365SmbStatus: c.tracks.smb.m365,
    acrCurrentMicros: parseMicros(c.azure.current.eligibleAcr) ?? 0n,
    acrPreviousMicros: parseMicros(c.azure.previous.eligibleAcr) ?? 0n,
    peakUnitsCurrent: peak,
    details: c as unknown as Record<string, unknown>,
  };
}
