/**
 * Writes the snapshots' tenant rows (compact figures, see db/schema/snapshots.ts) inside the recompute's
 * transaction: PostgreSQL takes all of them as ONE COPY … FROM STDIN on the transaction's connection, sent in
 * chunks while the engine produces the next ones (the server stores a chunk while JS computes the next); PGlite
 * takes batched INSERTs. The rows come a chunk of tenants at a time, each chunk as one run of rows per snapshot.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { snapshotTenants } from "@/db/schema";
import { naturalSortKey } from "@/lib/format";
import { encodeExtra, type TenantFigures } from "@/lib/scoring";
import { CopyWriter, copyText } from "@/db/copy-writer";
import type { PgConnection } from "@/db/driver";

const TENANTS_COPY =
  "COPY snapshot_tenants (snapshot_id, tenant_id, customer_name, name_sort_key, azure_status, m365_enterprise_status, m365_smb_status, acr_current_micros, acr_previous_micros, peak_units_current, extra) FROM STDIN";
/** Text handed to the connection at a time: large enough to keep the server busy, small enough to stay lean. */
const COPY_CHUNK_CHARS = 1 << 16;
const INSERT_BATCH = 1000;

/** Rows of one snapshot (read lazily: the caller may compute a month when its turn comes). */
export interface SnapshotRows {
  snapshotId: string;
  tenants: Iterable<TenantFigures>;
}

/** Stores the rows of every snapshot, in order; resolves with how many the database stored. */
export function writeTenantRows(
  tx: Db,
  connection: PgConnection | null,
  snapshots: AsyncIterable<SnapshotRows>,
): Promise<number> {
  return connection === null ? insertRows(tx, snapshots) : copyRows(connection, snapshots);
}

/** Refreshes the table's statistics (the pages' plans use them); outside a transaction, which would hold its lock. */
export async function analyzeSnapshotTenants(db: Db): Promise<void> {
  await db.execute(sql`analyze snapshot_tenants`);
}

const peakOf = (f: TenantFigures) => f.extra.peakCurrent[0]?.units ?? 0;

/** The natural-order key of a name (lib/format), worked out once per name: a tenant recurs in every month. */
function sortKeys(): (name: string) => string {
  const keys = new Map<string, string>();
  return (name) => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = naturalSortKey(name)));
    return key;
  };
}

async function copyRows(connection: PgConnection, snapshots: AsyncIterable<SnapshotRows>): Promise<number> {
  const writer = new CopyWriter(connection, TENANTS_COPY);
  const keyOf = sortKeys();
  let sent = 0;
  try {
    for await (const { snapshotId, tenants } of snapshots) {
      for (const f of tenants) {
        const extra = encodeExtra(f.extra);
        writer.add(
          `${snapshotId}\t${f.tenantId}\t${copyText(f.name)}\t${copyText(keyOf(f.name))}\t${f.azure}\t${f.m365Enterprise}\t${f.m365Smb}\t${f.acrCurrent}\t${f.acrPrevious}\t${peakOf(f)}\t${extra === null ? "\\N" : copyText(extra)}\n`,
        );
        sent++;
        if (writer.buffered >= COPY_CHUNK_CHARS) await writer.flush();
      }
    }
    const stored = await writer.end();
    if (stored !== sent) throw new Error(`snapshot_tenants: the database stored ${stored} of ${sent} rows`);
    return stored;
  } catch (err) {
    await writer.abort(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
}

async function insertRows(tx: Db, snapshots: AsyncIterable<SnapshotRows>): Promise<number> {
  let batch: (typeof snapshotTenants.$inferInsert)[] = [];
  let stored = 0;
  const keyOf = sortKeys();
  const send = async () => {
    if (batch.length > 0) await tx.insert(snapshotTenants).values(batch);
    stored += batch.length;
    batch = [];
  };
  for await (const { snapshotId, tenants } of snapshots) {
    for (const f of tenants) {
      batch.push({
        snapshotId,
        tenantId: f.tenantId,
        customerName: f.name,
        nameSortKey: keyOf(f.name),
        azureStatus: f.azure,
        m365EnterpriseStatus: f.m365Enterprise,
        m365SmbStatus: f.m365Smb,
        acrCurrentMicros: BigInt(f.acrCurrent),
        acrPreviousMicros: BigInt(f.acrPrevious),
        peakUnitsCurrent: peakOf(f),
        extra: encodeExtra(f.extra),
      });
      if (batch.length >= INSERT_BATCH) await send();
    }
  }
  await send();
  return stored;
}
