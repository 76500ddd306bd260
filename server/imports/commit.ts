import { and, eq, inArray, max, sql } from "drizzle-orm";
import { driverOf, type Db } from "@/db/client";
import { dataRevisions, imports } from "@/db/schema";
import { readAzureUsage, readM365Licenses, type AzureRow, type M365Row } from "@/lib/scoring";
import { enqueueJob } from "../jobs/queue";
import { progressReporter } from "./progress";
import { readUpload, removeUpload } from "./storage";
import { importRowSink, pgConnectionOf, type PgCopyClient } from "./copy-rows";
import { appendAudit } from "@/db/queries/audit-log";
import { users } from "@/db/schema";

/** Two imports of one organisation never interleave: each holds this lock for its whole transaction. */
export function lockOrganisation(tx: Db, organizationId: string) {
  return tx.execute(sql`select pg_advisory_xact_lock(hashtext(${organizationId}))`);
}

/**
 * Background step 2: store a validated file in ONE transaction — new revisions for its months, its rows, the
 * previous revisions superseded — so a failure or a crash halfway leaves the previous data exactly as it was.
 * Then queue a recompute of the snapshots.
 */
export async function commitImport(db: Db, importId: string): Promise<void> {
  const [imp] = await db.select().from(imports).where(eq(imports.id, importId));
  if (!imp || imp.status !== "queued" || !imp.storagePath) return;
  await db.update(imports).set({ status: "importing", rowsProcessed: 0, bytesProcessed: 0 }).where(eq(imports.id, importId));
  const months = imp.months ?? [];
  let rows = 0;
  // PGlite has one connection: a progress write from outside the transaction would wait for it forever.
  const report = driverOf(db) === "postgres" ? progressReporter(db, importId, () => rows) : undefined;
  // The first thing that went wrong inside the transaction: when the connection itself died, the ROLLBACK that
  // follows fails too, and its error ("not queryable") would hide the real reason.
  let firstError: unknown = null;
  let connectionError: Error | null = null;
  // A node-postgres connection that dies while checked out emits 'error' with no pool listener attached, which
  // would end the process; it is listened to from the transaction's start until after it is released.
  let connection: PgCopyClient | null = null;
  const onConnectionError = (err: Error) => {
    connectionError ??= err;
  };

  try {
    await db.transaction(async (tx) => {
      connection = driverOf(db) === "postgres" ? pgConnectionOf(tx) : null;
      connection?.on("error", onConnectionError);
      try {
        await lockOrganisation(tx, imp.organizationId);
        const revisionIds = await createRevisions(tx, imp.organizationId, imp.source, months, imp.id, imp.createdBy);
        const counts = new Map<string, number>();
        const sink = importRowSink(tx, connection, imp.source, revisionIds);
        const input = readUpload(imp.storagePath!, async (bytes) => {
          await sink.flush();
          await report?.(bytes);
        });
        const onRow = (row: AzureRow | M365Row) => {
          rows++;
          counts.set(row.month, (counts.get(row.month) ?? 0) + 1);
          sink.push(row);
        };
        try {
          const result =
            imp.source === "azure"
              ? await readAzureUsage(input, { file: imp.fileName, onRow })
              : await readM365Licenses(input, { file: imp.fileName, onRow });
          // The file was validated already; it changing on disk since is a failure, not something to store.
          if (!result.ok) throw new Error(`the stored file no longer passes validation (${result.errors[0]?.message})`);
          const stored = await sink.end();
          if (stored !== rows) throw new Error(`the database stored ${stored} of ${rows} rows`);
        } catch (err) {
          await sink.abort(err instanceof Error ? err : new Error(String(err)));
          throw err;
        }
        await activateRevisions(tx, imp.organizationId, imp.source, revisionIds, counts);
        await tx
          .update(imports)
          .set({ status: "succeeded", rowsProcessed: rows, storagePath: null, finishedAt: new Date() })
          .where(eq(imports.id, importId));
        const [actor] = imp.createdBy
          ? await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, imp.createdBy))
          : [];
        await appendAudit(tx, {
          organizationId: imp.organizationId,
          actor: actor ?? null,
          action: "data.import",
          objectType: "import",
          objectId: imp.id,
          before: { activeMonths: imp.conflictingMonths ?? [] },
          after: { source: imp.source, months, rows },
        });
        await enqueueJob(tx, {
          kind: "snapshots.recompute",
          organizationId: imp.organizationId,
          dedupeKey: `recompute:${imp.organizationId}`,
        });
      } catch (err) {
        firstError ??= err;
        throw err;
      }
    });
  } catch (err) {
    const cause = firstError ?? connectionError ?? err;
    await db
      .update(imports)
      .set({ status: "failed", failureReason: `The import stopped and nothing was stored: ${failureReason(cause)}`, storagePath: null, finishedAt: new Date() })
      .where(eq(imports.id, importId));
    throw cause;
  } finally {
    (connection as PgCopyClient | null)?.removeListener("error", onConnectionError);
    removeUpload(imp.storagePath);
  }
}

/** One sentence for the import page: a lost connection is named as such, with the server's own words. */
function failureReason(err: unknown): string {
  const e = err as { message?: string; code?: string } | null;
  const message = (e?.message ?? String(err)).split("\n")[0]!;
  // 57P01 admin_shutdown (pg_terminate_backend, a server restart), 57P02/57P03, 08xxx connection exceptions.
  const lost = /^(57P0[123]|08)/.test(e?.code ?? "") || /Connection terminated|not queryable|ECONNRESET|EPIPE/i.test(message);
  return lost ? `the database connection was lost during the import (${message})` : message;
}

async function createRevisions(
  tx: Db,
  organizationId: string,
  source: "azure" | "m365",
  months: string[],
  importId: string,
  createdBy: string | null,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (months.length === 0) return ids;
  const latest = await tx
    .select({ month: dataRevisions.month, n: max(dataRevisions.revision) })
    .from(dataRevisions)
    .where(and(eq(dataRevisions.organizationId, organizationId), eq(dataRevisions.source, source), inArray(dataRevisions.month, months)))
    .groupBy(dataRevisions.month);
  const next = new Map(latest.map((r) => [r.month, (r.n ?? 0) + 1]));
  const inserted = await tx
    .insert(dataRevisions)
    .values(
      months.map((month) => ({
        organizationId,
        source,
        month,
        revision: next.get(month) ?? 1,
        importId,
        rowCount: 0,
        active: false,
        createdBy,
      })),
    )
    .returning({ id: dataRevisions.id, month: dataRevisions.month });
  for (const r of inserted) ids.set(r.month, r.id);
  return ids;
}

async function activateRevisions(
  tx: Db,
  organizationId: string,
  source: "azure" | "m365",
  revisionIds: Map<string, string>,
  counts: Map<string, number>,
): Promise<void> {
  const months = [...revisionIds.keys()];
  if (months.length === 0) return;
  await tx
    .update(dataRevisions)
    .set({ active: false })
    .where(
      and(
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.source, source),
        eq(dataRevisions.active, true),
        inArray(dataRevisions.month, months),
      ),
    );
  for (const [month, id] of revisionIds) {
    await tx.update(dataRevisions).set({ active: true, rowCount: counts.get(month) ?? 0 }).where(eq(dataRevisions.id, id));
  }
}
