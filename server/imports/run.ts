import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { driverOf, type Db } from "@/db/client";
import { appendAudit } from "@/db/queries/audit-log";
import { imports, users, type Import } from "@/db/schema";
import { readAzureUsage, readM365Licenses, type AzureRow, type ImportError, type M365Row } from "@/lib/scoring";
import { enqueueJob } from "../jobs/queue";
import { importRowSink, pgConnectionOf, type PgCopyClient } from "./copy-rows";
import { previewUpload } from "./preview";
import { progressReporter } from "./progress";
import { activateImport, lockOrganisation, monthsWithData, stageRevisions } from "./revisions";
import { readUpload, removeUpload } from "./storage";

/** The file has a bad row: the transaction is rolled back and the import ends `invalid` with these errors. */
class FileRejected extends Error {
  constructor(
    readonly errors: ImportError[],
    readonly total: number,
  ) {
    super("the file has errors");
  }
}

/**
 * The background import: ONE pass over the upload, in ONE transaction holding the organisation's lock. Each row is
 * validated and, while the file has had no error, streamed into the database tagged with a new revision per
 * month. At the end:
 * - a bad row anywhere: ROLLBACK, nothing stored, status `invalid` with the errors (line and column);
 * - no month of the file has data yet: the revisions are put in use, the import succeeds, a recompute is queued;
 * - some months have data: the revisions stay staged (stored, read by nothing) and the user chooses to replace
 *   (decisions.ts activates them) or cancel (deletes them).
 * A crash or a lost connection halfway leaves nothing: the transaction never committed.
 */
export async function runImport(db: Db, importId: string): Promise<void> {
  const [imp] = await db.select().from(imports).where(eq(imports.id, importId));
  if (imp?.status === "validating") return endInterrupted(db, imp);
  if (!imp || imp.status !== "uploaded" || !imp.storagePath) return;
  await db
    .update(imports)
    .set({ status: "validating", rowsProcessed: 0, bytesProcessed: 0 })
    .where(eq(imports.id, importId));
  const file = imp.storagePath;
  try {
    const preview = await previewUpload(db, file, imp.source);
    const details = { columnMapping: preview.mapping, preview: { headers: preview.headers, rows: preview.rows } };
    try {
      await storeFile(db, { ...imp, storagePath: file }, details);
    } catch (err) {
      if (!(err instanceof FileRejected)) throw err;
      await db
        .update(imports)
        .set({
          status: "invalid",
          errors: err.errors,
          errorTotal: err.total,
          ...details,
          storagePath: null,
          finishedAt: new Date(),
        })
        .where(eq(imports.id, importId));
    }
  } catch (err) {
    await db
      .update(imports)
      .set({
        status: "failed",
        failureReason: `The import stopped and nothing was stored: ${failureReason(err)}`,
        storagePath: null,
        finishedAt: new Date(),
      })
      .where(eq(imports.id, importId));
    throw err;
  } finally {
    await removeUpload(db, file);
  }
}

/**
 * The job ran before and its import never ended: the instance running it stopped (the job queue gives a job back
 * after a while), so its transaction rolled back and nothing was stored. Once any run still holding the
 * organisation's lock has finished, an import still "validating" is marked failed instead of showing progress
 * for ever.
 */
async function endInterrupted(db: Db, imp: Import): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrganisation(tx, imp.organizationId);
    const [now] = await tx.select({ status: imports.status }).from(imports).where(eq(imports.id, imp.id)).for("update");
    if (now?.status !== "validating") return;
    await tx
      .update(imports)
      .set({
        status: "failed",
        failureReason:
          "The import stopped and nothing was stored: it was interrupted (the server stopped during the import). Upload the file again.",
        storagePath: null,
        finishedAt: new Date(),
      })
      .where(eq(imports.id, imp.id));
  });
  await removeUpload(db, imp.storagePath);
}

type Details = Pick<Import, "columnMapping" | "preview">;

async function storeFile(db: Db, imp: Import & { storagePath: string }, details: Details): Promise<void> {
  let rows = 0;
  // PGlite has one connection: a progress write from outside the transaction would wait for it forever.
  const report = driverOf(db) === "postgres" ? progressReporter(db, imp.id, () => rows) : undefined;
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
        // Months are known only as rows arrive: each gets its revision id when first seen, and its revision row
        // once the file has been read (the rows have no foreign key to it).
        const revisionIds = new Map<string, string>();
        const counts = new Map<string, number>();
        const sink = importRowSink(tx, connection, imp.source, revisionIds);
        const input = readUpload({ db, tx }, imp.storagePath, async (bytes) => {
          await sink.flush();
          await report?.(bytes);
        });
        const onRow = (row: AzureRow | M365Row) => {
          rows++;
          const n = counts.get(row.month);
          if (n === undefined) {
            revisionIds.set(row.month, randomUUID());
            counts.set(row.month, 1);
          } else counts.set(row.month, n + 1);
          sink.push(row);
        };
        let result;
        try {
          result =
            imp.source === "azure"
              ? await readAzureUsage(input, { file: imp.fileName, onRow })
              : await readM365Licenses(input, { file: imp.fileName, onRow });
          if (!result.ok) throw new FileRejected(result.errors, result.total);
          const stored = await sink.end();
          if (stored !== rows) throw new Error(`the database stored ${stored} of ${rows} rows`);
        } catch (err) {
          await sink.abort(err instanceof Error ? err : new Error(String(err)));
          throw err;
        }
        await finish(tx, imp, {
          revisionIds,
          counts,
          rows,
          summary: result.summary as unknown as Record<string, unknown>,
          details,
        });
      } catch (err) {
        firstError ??= err;
        throw err;
      }
    });
  } catch (err) {
    throw firstError ?? connectionError ?? err;
  } finally {
    (connection as PgCopyClient | null)?.removeListener("error", onConnectionError);
  }
}

/** The end of a valid file's transaction: staged revisions, then either put in use or left for the user. */
async function finish(
  tx: Db,
  imp: Import,
  done: {
    revisionIds: Map<string, string>;
    counts: Map<string, number>;
    rows: number;
    summary: Record<string, unknown>;
    details: Details;
  },
): Promise<void> {
  const months = [...done.revisionIds.keys()].sort();
  const conflicting = await monthsWithData(tx, imp.organizationId, imp.source, months);
  await stageRevisions(
    tx,
    { organizationId: imp.organizationId, source: imp.source, importId: imp.id, createdBy: imp.createdBy },
    done.revisionIds,
    done.counts,
  );
  const waiting = conflicting.length > 0;
  await tx
    .update(imports)
    .set({
      status: waiting ? "awaiting_confirmation" : "succeeded",
      summary: done.summary,
      rowsProcessed: done.rows,
      months,
      dataMonth: imp.dataMonth ?? months[months.length - 1] ?? null,
      conflictingMonths: conflicting,
      ...done.details,
      storagePath: null,
      finishedAt: waiting ? null : new Date(),
    })
    .where(eq(imports.id, imp.id));
  if (!waiting) await putInUse(tx, { ...imp, months, conflictingMonths: [] }, done.rows);
}

/**
 * Activates an import's staged revisions, with its audit entry and the recompute, in the caller's transaction:
 * at the end of the import when no month had data, or when the user chose to replace.
 */
export async function putInUse(
  tx: Db,
  imp: Pick<Import, "id" | "organizationId" | "source" | "createdBy" | "months" | "conflictingMonths">,
  rows: number,
) {
  await activateImport(tx, imp.organizationId, imp.id);
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
    after: { source: imp.source, months: imp.months ?? [], rows },
  });
  await enqueueJob(tx, {
    kind: "snapshots.recompute",
    organizationId: imp.organizationId,
    dedupeKey: `recompute:${imp.organizationId}`,
  });
}

/** One sentence for the import page: a lost connection is named as such, with the server's own words. */
function failureReason(err: unknown): string {
  let e = err as { message?: string; code?: string; cause?: unknown } | null;
  // drizzle wraps a database error as "Failed query: <the SQL>": the server's own words are in its cause.
  if (e?.message?.startsWith("Failed query") && e.cause) e = e.cause as typeof e;
  const message = (e?.message ?? String(err)).split("\n")[0]!;
  // 57P01 admin_shutdown (pg_terminate_backend, a server restart), 57P02/57P03, 08xxx connection exceptions.
  const lost =
    /^(57P0[123]|08)/.test(e?.code ?? "") || /Connection terminated|not queryable|ECONNRESET|EPIPE/i.test(message);
  return lost ? `the database connection was lost during the import (${message})` : message;
}
