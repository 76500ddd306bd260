import { and, asc, count, desc, eq, ilike, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { snapshots, snapshotTenants } from "@/db/schema";
import type { TENANT_SORTS } from "@/lib/tenant-query";
import { CHANGE_SOURCES, changesOf, noChanges, type ChangeCounts, type ChangeSource } from "@/lib/snapshot-changes";
import { decodeExtra, detailFromFigures, findRuleSet, getRuleSet } from "@/lib/scoring";
import type {
  CustomerDetail,
  InsightsPreview,
  ScoreResult,
  SnapshotInsights,
  StatusColumn,
  TenantStatus,
} from "@/lib/snapshot-view";

/**
 * Reads of the stored snapshots (and the clearing of sample data's). Every figure the pages show comes from here,
 * never from a second calculation.
 */

const summaryColumns = {
  id: snapshots.id,
  month: snapshots.month,
  version: snapshots.version,
  ruleSet: snapshots.ruleSet,
  m365Basis: snapshots.m365Basis,
  bestTrack: snapshots.bestTrack,
  points: snapshots.points,
  computedAt: snapshots.computedAt,
  result: snapshots.result,
};

export type SnapshotSummary = {
  id: string;
  month: string;
  version: number;
  ruleSet: string;
  m365Basis: string;
  bestTrack: string;
  points: number;
  computedAt: Date;
  result: ScoreResult;
};
export type SnapshotPreview = SnapshotSummary & { insights: InsightsPreview | null };

/** The latest version of every data month, newest month first (at most 36 months are kept). */
export async function listSnapshots(db: Db, organizationId: string): Promise<SnapshotSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(snapshots)
    .where(and(eq(snapshots.organizationId, organizationId), eq(snapshots.latest, true)))
    .orderBy(desc(snapshots.month));
  return rows as unknown as SnapshotSummary[];
}

function latestOf(organizationId: string, month?: string) {
  return and(
    eq(snapshots.organizationId, organizationId),
    eq(snapshots.latest, true),
    month ? eq(snapshots.month, month) : undefined,
  );
}

/** The latest version of one data month (or of the newest month when `month` is omitted), without the insights (the snapshot, compare and export pages never show them). */
export async function findSnapshotSummary(
  db: Db,
  organizationId: string,
  month?: string,
): Promise<SnapshotSummary | null> {
  const [row] = await db
    .select(summaryColumns)
    .from(snapshots)
    .where(latestOf(organizationId, month))
    .orderBy(desc(snapshots.month))
    .limit(1);
  return (row as unknown as SnapshotSummary | undefined) ?? null;
}

/**
 * Like findSnapshotSummary, with the insights as the dashboard and the report show them: the gap, the projection, the
 * first `shown` near misses and tenants at risk, and how many there are. Cut down in the database: the full lists
 * hold every near miss (thousands at 50,000 tenants, over 500 KB), and reading them whole cost a third of the
 * dashboard's time. The stored document is expanded once (jsonb_each): each `->` on it would decompress it again.
 */
export async function findSnapshotPreview(
  db: Db,
  organizationId: string,
  month?: string,
  shown = 8,
): Promise<SnapshotPreview | null> {
  const [row] = await db
    .select({
      ...summaryColumns,
      insights: sql<InsightsPreview | null>`(
        select jsonb_object_agg(k, case when k in ('nearMisses', 'atRisk')
                 then (select coalesce(jsonb_agg(e order by i), '[]'::jsonb) from jsonb_array_elements(v) with ordinality as x(e, i) where i <= ${shown})
                 else v end)
               || jsonb_build_object('totals', jsonb_build_object(
                    'nearMisses', max(jsonb_array_length(v)) filter (where k = 'nearMisses'),
                    'atRisk', max(jsonb_array_length(v)) filter (where k = 'atRisk')))
          from jsonb_each(${snapshots.insights}) as kv(k, v))`,
    })
    .from(snapshots)
    .where(latestOf(organizationId, month))
    .orderBy(desc(snapshots.month))
    .limit(1);
  return (row as unknown as SnapshotPreview | undefined) ?? null;
}

export type TenantSort = (typeof TENANT_SORTS)[number];

export type TenantQuery = {
  /** Part of the customer name, or the start of the tenant id. */
  q?: string;
  /** Which status column the status filter looks at; "any" matches any of them. */
  column?: StatusColumn | "any";
  status?: TenantStatus | "any";
  sort?: TenantSort;
  dir?: "asc" | "desc";
  page?: number;
  pageSize?: number;
};

const statusColumn = {
  azure: snapshotTenants.azureStatus,
  "m365-enterprise": snapshotTenants.m365EnterpriseStatus,
  "m365-smb": snapshotTenants.m365SmbStatus,
} as const;

const tenantColumns = {
  tenantId: snapshotTenants.tenantId,
  customerName: snapshotTenants.customerName,
  azureStatus: snapshotTenants.azureStatus,
  m365EnterpriseStatus: snapshotTenants.m365EnterpriseStatus,
  m365SmbStatus: snapshotTenants.m365SmbStatus,
  acrCurrentMicros: snapshotTenants.acrCurrentMicros,
  acrPreviousMicros: snapshotTenants.acrPreviousMicros,
  peakUnitsCurrent: snapshotTenants.peakUnitsCurrent,
};

export type TenantRow = {
  tenantId: string;
  customerName: string;
  azureStatus: TenantStatus;
  m365EnterpriseStatus: TenantStatus;
  m365SmbStatus: TenantStatus;
  acrCurrentMicros: bigint;
  acrPreviousMicros: bigint;
  peakUnitsCurrent: number;
};

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function tenantFilter(snapshotId: string, query: TenantQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(snapshotTenants.snapshotId, snapshotId)];
  const q = query.q?.trim();
  if (q) {
    const byId = /^[0-9a-f-]+$/i.test(q)
      ? like(sql`${snapshotTenants.tenantId}::text`, `${escapeLike(q.toLowerCase())}%`)
      : undefined;
    conditions.push(or(ilike(snapshotTenants.customerName, `%${escapeLike(q)}%`), byId));
  }
  if (query.status && query.status !== "any") {
    const column = query.column ?? "any";
    conditions.push(
      column === "any"
        ? or(...Object.values(statusColumn).map((c) => eq(c, query.status as string)))
        : eq(statusColumn[column], query.status),
    );
  }
  return and(...conditions);
}

function tenantOrder(query: TenantQuery): SQL[] {
  const dir = query.dir === "desc" ? desc : asc;
  const byId = asc(snapshotTenants.tenantId);
  switch (query.sort ?? "name") {
    case "acr":
      return [dir(snapshotTenants.acrCurrentMicros), byId];
    case "units":
      return [dir(snapshotTenants.peakUnitsCurrent), byId];
    case "tenant":
      return [dir(snapshotTenants.tenantId)];
    default:
      // Natural order ("Customer 2" before "Customer 10") through the index on the sort key; see the schema.
      return [dir(sql`${snapshotTenants.nameSortKey} collate "C"`), dir(snapshotTenants.customerName), byId];
  }
}

/**
 * One page of a snapshot's tenants, searched, filtered and sorted by the database (LIMIT/OFFSET over the
 * snapshot_tenants indexes), plus the number of matching tenants.
 */
export async function listSnapshotTenants(
  db: Db,
  snapshotId: string,
  query: TenantQuery,
): Promise<{ rows: TenantRow[]; total: number; page: number; pageSize: number; pages: number }> {
  const pageSize = query.pageSize ?? 50;
  const where = tenantFilter(snapshotId, query);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(snapshotTenants).where(where);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, query.page ?? 1), pages);
  const rows = await db
    .select(tenantColumns)
    .from(snapshotTenants)
    .where(where)
    .orderBy(...tenantOrder(query))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: rows as TenantRow[], total, page, pageSize, pages };
}

/**
 * A stored row's full explanation, rebuilt from its figures and the threshold of the rule set that computed the
 * snapshot (the row keeps figures, not the explanation's text: see db/schema/snapshots.ts).
 */
export function tenantDetail(row: TenantRow & { extra: string | null }, ruleSetId: string): CustomerDetail {
  return detailFromFigures(
    {
      tenantId: row.tenantId,
      name: row.customerName,
      azure: row.azureStatus,
      m365Enterprise: row.m365EnterpriseStatus,
      m365Smb: row.m365SmbStatus,
      acrCurrent: row.acrCurrentMicros,
      acrPrevious: row.acrPreviousMicros,
      extra: decodeExtra(row.extra),
    },
    findRuleSet(ruleSetId) ?? getRuleSet(),
  );
}

/** Every matching tenant of a snapshot with its explanation, in pages, for the CSV export. */
export async function* streamSnapshotTenants(
  db: Db,
  snapshot: { id: string; ruleSet: string },
  query: TenantQuery,
  batch = 2000,
) {
  const where = tenantFilter(snapshot.id, query);
  for (let offset = 0; ; offset += batch) {
    const rows = await db
      .select({ ...tenantColumns, extra: snapshotTenants.extra })
      .from(snapshotTenants)
      .where(where)
      .orderBy(...tenantOrder(query))
      .limit(batch)
      .offset(offset);
    for (const { extra, ...row } of rows as (TenantRow & { extra: string | null })[]) {
      yield { ...row, details: tenantDetail({ ...row, extra }, snapshot.ruleSet) };
    }
    if (rows.length < batch) return;
  }
}

/** Tenants per status for each status column of a snapshot (the refresh e-mail's counts). */
export async function countTenantStatuses(
  db: Db,
  snapshotId: string,
): Promise<Record<StatusColumn, Record<string, number>>> {
  const out = { azure: {}, "m365-enterprise": {}, "m365-smb": {} } as Record<StatusColumn, Record<string, number>>;
  for (const [name, column] of Object.entries(statusColumn) as [StatusColumn, typeof snapshotTenants.azureStatus][]) {
    const rows = await db
      .select({ status: column, n: count() })
      .from(snapshotTenants)
      .where(eq(snapshotTenants.snapshotId, snapshotId))
      .groupBy(column);
    for (const r of rows) out[name][r.status] = r.n;
  }
  return out;
}

export type TenantMonth = TenantRow & { month: string; ruleSet: string; m365Basis: string; details: CustomerDetail };

/** One tenant's rows in the organisation's latest snapshots, newest month first, each with its explanation. */
export async function tenantHistory(db: Db, organizationId: string, tenantId: string): Promise<TenantMonth[]> {
  const rows = await db
    .select({
      ...tenantColumns,
      extra: snapshotTenants.extra,
      month: snapshots.month,
      ruleSet: snapshots.ruleSet,
      m365Basis: snapshots.m365Basis,
    })
    .from(snapshotTenants)
    .innerJoin(snapshots, eq(snapshots.id, snapshotTenants.snapshotId))
    .where(
      and(
        eq(snapshotTenants.tenantId, tenantId),
        eq(snapshots.organizationId, organizationId),
        eq(snapshots.latest, true),
      ),
    )
    .orderBy(desc(snapshots.month));
  return (rows as (TenantRow & { extra: string | null; month: string; ruleSet: string; m365Basis: string })[]).map(
    ({ extra, ...row }) => ({
      ...row,
      details: tenantDetail({ ...row, extra }, row.ruleSet),
    }),
  );
}

export type ComparedTenant = {
  tenantId: string;
  customerName: string;
  a: Pick<TenantRow, "azureStatus" | "m365EnterpriseStatus" | "m365SmbStatus"> | null;
  b: Pick<TenantRow, "azureStatus" | "m365EnterpriseStatus" | "m365SmbStatus"> | null;
};

/**
 * Tenants whose standing changed between two snapshots for some source: they started or stopped counting in the
 * current window, or entered or left the previous window (lib/snapshot-changes). The full join and the
 * comparison run in SQL; the first `limit` tenants in natural name order come back, and `total` says how many
 * there are.
 */
export async function compareSnapshotTenants(db: Db, snapshotA: string, snapshotB: string, limit = 500) {
  const { a, b } = joinedSnapshots(db, snapshotA, snapshotB);
  const current = (status: unknown) => sql`coalesce(${status} in ('gained', 'retained'), false)`;
  const previous = (status: unknown) => sql`coalesce(${status} in ('lost', 'retained'), false)`;
  const changed = or(
    ...(["azure", "ent", "smb"] as const).flatMap((k) => [
      sql`${current(a[k])} <> ${current(b[k])}`,
      sql`${previous(a[k])} <> ${previous(b[k])}`,
    ]),
  );
  const rows = await db
    .select({
      aId: a.tenantId,
      bId: b.tenantId,
      aName: a.customerName,
      bName: b.customerName,
      aAzure: a.azure,
      aEnt: a.ent,
      aSmb: a.smb,
      bAzure: b.azure,
      bEnt: b.ent,
      bSmb: b.smb,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(a)
    .fullJoin(b, eq(a.tenantId, b.tenantId))
    .where(changed)
    .orderBy(
      sql`coalesce(${b.sortKey}, ${a.sortKey}) collate "C"`,
      sql`coalesce(${b.customerName}, ${a.customerName})`,
      sql`coalesce(${b.tenantId}, ${a.tenantId})`,
    )
    .limit(limit);
  const tenants: ComparedTenant[] = rows.map((r) => ({
    tenantId: (r.bId ?? r.aId)!,
    customerName: (r.bName ?? r.aName)!,
    a: r.aId
      ? {
          azureStatus: r.aAzure as TenantStatus,
          m365EnterpriseStatus: r.aEnt as TenantStatus,
          m365SmbStatus: r.aSmb as TenantStatus,
        }
      : null,
    b: r.bId
      ? {
          azureStatus: r.bAzure as TenantStatus,
          m365EnterpriseStatus: r.bEnt as TenantStatus,
          m365SmbStatus: r.bSmb as TenantStatus,
        }
      : null,
  }));
  return { tenants, total: rows[0]?.total ?? 0 };
}

/**
 * How many tenants are in each of the four change lists, per source, over ALL tenants (not only the listed
 * ones): the statuses in A and B are counted in SQL, then folded through `changesOf`.
 */
export async function countSnapshotChanges(
  db: Db,
  snapshotA: string,
  snapshotB: string,
): Promise<Record<ChangeSource, ChangeCounts>> {
  const { a, b } = joinedSnapshots(db, snapshotA, snapshotB);
  const rows = await db
    .select({ aAzure: a.azure, aEnt: a.ent, aSmb: a.smb, bAzure: b.azure, bEnt: b.ent, bSmb: b.smb, n: count() })
    .from(a)
    .fullJoin(b, eq(a.tenantId, b.tenantId))
    .groupBy(a.azure, a.ent, a.smb, b.azure, b.ent, b.smb);
  const out = { azure: noChanges(), m365Enterprise: noChanges(), m365Smb: noChanges() };
  const pairs = { azure: ["aAzure", "bAzure"], m365Enterprise: ["aEnt", "bEnt"], m365Smb: ["aSmb", "bSmb"] } as const;
  for (const r of rows) {
    for (const source of CHANGE_SOURCES) {
      const [ka, kb] = pairs[source];
      for (const change of changesOf(r[ka] as TenantStatus | null, r[kb] as TenantStatus | null)) {
        out[source][change] += r.n;
      }
    }
  }
  return out;
}

function joinedSnapshots(db: Db, snapshotA: string, snapshotB: string) {
  const pick = (id: string, name: "a" | "b") =>
    db
      .select({
        tenantId: snapshotTenants.tenantId,
        customerName: snapshotTenants.customerName,
        sortKey: snapshotTenants.nameSortKey,
        azure: snapshotTenants.azureStatus,
        ent: snapshotTenants.m365EnterpriseStatus,
        smb: snapshotTenants.m365SmbStatus,
      })
      .from(snapshotTenants)
      .where(eq(snapshotTenants.snapshotId, id))
      .as(name);
  return { a: pick(snapshotA, "a"), b: pick(snapshotB, "b") };
}

/**
 * The tenants of a snapshot from position `offset` on, searched, filtered and sorted as on the page (the REST
 * API's cursor holds the offset), with the number of matching tenants. One more row than `limit` is read to know
 * whether another page follows.
 */
export async function listSnapshotTenantsFrom(
  db: Db,
  snapshot: { id: string; ruleSet: string },
  query: TenantQuery,
  offset: number,
  limit: number,
): Promise<{ rows: (TenantRow & { details: CustomerDetail })[]; total: number; more: boolean }> {
  const where = tenantFilter(snapshot.id, query);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(snapshotTenants).where(where);
  const rows = (await db
    .select({ ...tenantColumns, extra: snapshotTenants.extra })
    .from(snapshotTenants)
    .where(where)
    .orderBy(...tenantOrder(query))
    .limit(limit + 1)
    .offset(offset)) as (TenantRow & { extra: string | null })[];
  const page = rows.slice(0, limit).map(({ extra, ...row }) => ({
    ...row,
    details: tenantDetail({ ...row, extra }, snapshot.ruleSet),
  }));
  return { rows: page, total, more: rows.length > limit };
}

/**
 * The latest version of one data month (or of the newest month), with its full stored insights: what the REST API
 * answers, and what the tests compare against the engine. The pages read a preview (findSnapshotPreview).
 */
export async function findSnapshot(db: Db, organizationId: string, month?: string) {
  const summary = await findSnapshotSummary(db, organizationId, month);
  if (!summary) return null;
  const [row] = await db.select({ insights: snapshots.insights }).from(snapshots).where(eq(snapshots.id, summary.id));
  return { ...summary, insights: row!.insights as SnapshotInsights | null };
}

/** Deletes every snapshot of the organisation with its tenants (clearing sample data); returns how many. */
export async function deleteOrganizationSnapshots(tx: Db, organizationId: string): Promise<number> {
  const snaps = await tx
    .select({ id: snapshots.id })
    .from(snapshots)
    .where(eq(snapshots.organizationId, organizationId));
  const snapshotIds = snaps.map((s) => s.id);
  if (snapshotIds.length > 0) {
    await tx.delete(snapshotTenants).where(inArray(snapshotTenants.snapshotId, snapshotIds));
    await tx.delete(snapshots).where(inArray(snapshots.id, snapshotIds));
  }
  return snapshotIds.length;
}
