import { randomUUID } from "node:crypto";
import { driverOf, type Db } from "@/db/client";
import { onConnectionError } from "@/db/driver";
import {
  awaitImportUpload,
  failImport,
  findImportById,
  lockImportStatus,
  recordImportOutcome,
  startImportPass,
} from "@/db/queries/imports";
import { runOfImport } from "@/db/queries/partner-center";
import { putImportInUse } from "@/db/queries/import-decisions";
import { importRowSink } from "@/db/queries/usage-rows";
import type { Import } from "@/db/schema";
import {
  readAzureUsage,
  readM365Licenses,
  type AzureRow,
  type HeaderMapping,
  type ImportError,
  type M365Row,
} from "@/lib/scoring";
import { implausibleMonths } from "@/lib/scoring/readers/month-plausibility";
import { safeErrorSummary } from "../jobs/log";
import { FinalJobError } from "../jobs/queue";
import { asksForMapping, mappedColumns, savedMappingFor } from "./column-mapping";
import { HELD_FOR_CONNECTOR } from "./held";
import { previewUpload } from "./preview";
import { progressReporter } from "./progress";
import { lockOrganization } from "@/db/queries/organizations";
import { monthsWithData, stageRevisions } from "@/db/queries/revisions";
import {
  readUpload,
  removeUpload,
  removeWholeUpload,
  uploadIsComplete,
  UploadMissingError,
  UploadStalledError,
} from "./storage";

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
 * - some months have data, or the months look wrong (one years ahead: month-plausibility.ts): the revisions stay
 *   staged (stored, read by nothing) and the user chooses to go on (decisions.ts activates them) or cancel.
 * A crash or a lost connection halfway leaves nothing: the transaction never committed.
 */
export async function runImport(
  db: Db,
  importId: string,
  options: { /** How long an upload still arriving may pause (tests shorten it). */ stallMs?: number } = {},
): Promise<void> {
  const imp = await findImportById(db, importId);
  if (imp?.status === "validating") return closeInterrupted(db, imp.id);
  if (!imp || imp.status !== "uploaded" || !imp.storagePath) return;
  await startImportPass(db, importId);
  const file = imp.storagePath;
  // Whether the upload is kept once the pass ends: one still arriving (an import begun early) is kept for the
  // requests still bringing its bytes (the upload route or the prune deletes it), and a file waiting for its column
  // mapping (issue 15) keeps its upload for the mapped run.
  let keepUpload = false;
  try {
    const preview = await previewUpload(db, file, imp.source, options.stallMs);
    const headerMapping = await savedMappingFor(db, imp, preview.headers);
    const details = {
      columnMapping: headerMapping ? mappedColumns(imp.source, preview.headers, headerMapping) : preview.mapping,
      preview: { headers: preview.headers, rows: preview.rows },
    };
    try {
      await storeFile(db, { ...imp, storagePath: file }, details, headerMapping, options.stallMs);
    } catch (err) {
      if (!(err instanceof FileRejected)) throw err;
      keepUpload = !headerMapping && asksForMapping(imp.source, err.errors, details.preview);
      if (keepUpload && !(await uploadIsComplete(db, file))) {
        // Its header asks for a mapping while its bytes still arrive (an import begun early): the import waits
        // for the whole file, as after a stall; the request bringing the last byte queues it again.
        await awaitImportUpload(db, importId);
        return;
      }
      await recordImportOutcome(db, importId, {
        status: keepUpload ? "needs_mapping" : "invalid",
        errors: err.errors,
        errorTotal: err.total,
        ...details,
        storagePath: keepUpload ? file : null,
        finishedAt: keepUpload ? null : new Date(),
      });
    }
  } catch (err) {
    if (err instanceof UploadStalledError) {
      // The file stopped arriving before its end: nothing was stored (the transaction rolled back). The import
      // waits again; the request that brings its last byte queues it anew (createImportAction).
      keepUpload = true;
      await awaitImportUpload(db, importId);
      return;
    }
    // When this write fails too (the database is gone), the original error goes up: the job is given back and
    // its next run, once the database is back, finds the import "validating" and closes it.
    await failImport(db, importId, `The import stopped and nothing was stored: ${failureReason(err)}`);
    // The import records why it ended; another run of the job could only find it failed.
    throw new FinalJobError(`import ${importId} failed: ${safeErrorSummary(err)}`, { cause: err });
  } finally {
    if (!keepUpload) await removeWholeUpload(db, file);
  }
}

/**
 * The job ran before and its import never ended: the instance running it stopped or lost the database (the job
 * queue gives a job back once its lease has passed), so its transaction rolled back and nothing was stored. Once
 * any run still holding the organisation's lock has finished, an import still "validating" is marked failed
 * instead of showing progress for ever.
 */
function closeInterrupted(db: Db, importId: string): Promise<void> {
  return closeImport(db, importId, ["validating"]);
}

/**
 * The import's job gave up (its runs kept dying): the import, whether it had started or not, ends failed.
 * Used by the job queue as the import job's `giveUp`.
 */
export function abandonImport(db: Db, importId: string): Promise<void> {
  return closeImport(db, importId, ["uploaded", "validating"]);
}

const INTERRUPTED =
  "The import stopped and nothing was stored: it was interrupted (the server or its database stopped while it ran). Upload the file again.";

async function closeImport(db: Db, importId: string, from: Import["status"][]): Promise<void> {
  const file = await db.transaction(async (tx) => {
    const imp = await findImportById(tx, importId);
    if (!imp || !from.includes(imp.status)) return null;
    await lockOrganization(tx, imp.organizationId);
    const now = await lockImportStatus(tx, imp.id);
    if (!now || !from.includes(now)) return null;
    await failImport(tx, imp.id, INTERRUPTED);
    return imp.storagePath;
  });
  await removeUpload(db, file);
}

type Details = Pick<Import, "columnMapping" | "preview">;

async function storeFile(
  db: Db,
  imp: Import & { storagePath: string },
  details: Details,
  headerMapping: HeaderMapping | undefined,
  stallMs?: number,
): Promise<void> {
  let rows = 0;
  // PGlite has one connection: a progress write from outside the transaction would wait for it forever.
  const report = driverOf(db) === "postgres" ? progressReporter(db, imp.id, () => rows) : undefined;
  // The first thing that went wrong inside the transaction: when the connection itself died, the ROLLBACK that
  // follows fails too, and its error ("not queryable") would hide the real reason.
  let firstError: unknown = null;
  let connectionError: Error | null = null;
  // A node-postgres connection that dies while checked out emits 'error' with no pool listener attached, which
  // would end the process; it is listened to from the transaction's start until after it is released.
  let unwatch: () => void = () => undefined;
  try {
    await db.transaction(async (tx) => {
      unwatch = onConnectionError(tx, (err) => {
        connectionError ??= err;
      });
      try {
        await lockOrganization(tx, imp.organizationId);
        // Months are known only as rows arrive: each gets its revision id when first seen, and its revision row
        // once the file has been read (the rows have no foreign key to it).
        const revisionIds = new Map<string, string>();
        const counts = new Map<string, number>();
        const firstLine = new Map<string, number>();
        const sink = importRowSink(tx, imp.source, revisionIds);
        const input = readUpload({ db, tx, follow: true, stallMs }, imp.storagePath, async (bytes) => {
          await sink.flush();
          await report?.(bytes);
        });
        const onRow = (row: AzureRow | M365Row) => {
          rows++;
          const n = counts.get(row.month);
          if (n === undefined) {
            revisionIds.set(row.month, randomUUID());
            counts.set(row.month, 1);
            firstLine.set(row.month, row.line);
          } else counts.set(row.month, n + 1);
          sink.push(row);
        };
        let result;
        try {
          result =
            imp.source === "azure"
              ? await readAzureUsage(input, { file: imp.fileName, onRow, headerMapping })
              : await readM365Licenses(input, { file: imp.fileName, onRow, headerMapping });
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
          firstLine,
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
    unwatch();
  }
}

/** The end of a valid file's transaction: staged revisions, then either put in use or left for the user. */
async function finish(
  tx: Db,
  imp: Import,
  done: {
    revisionIds: Map<string, string>;
    counts: Map<string, number>;
    firstLine: Map<string, number>;
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
  const reasons = implausibleMonths({ months, dataMonth: imp.dataMonth, firstLine: done.firstLine, today: new Date() });
  // A Partner Center run's files are put in use together by the run (server/partner-center/refresh.ts).
  if ((await runOfImport(tx, imp.id)) !== null) reasons.push(HELD_FOR_CONNECTOR);
  const waiting = conflicting.length > 0 || reasons.length > 0;
  await recordImportOutcome(tx, imp.id, {
    status: waiting ? "awaiting_confirmation" : "succeeded",
    summary: done.summary,
    rowsProcessed: done.rows,
    months,
    dataMonth: imp.dataMonth ?? months[months.length - 1] ?? null,
    conflictingMonths: conflicting,
    confirmReasons: reasons.length > 0 ? reasons : null,
    ...done.details,
    storagePath: null,
    finishedAt: waiting ? null : new Date(),
  });
  if (!waiting) await putImportInUse(tx, { ...imp, months, conflictingMonths: [] }, done.rows);
}

/**
 * One sentence for the import page that says what happened and what to do. A lost connection and a full disk are
 * named as such, with the server's own words; the user's next step follows.
 */
export function failureReason(err: unknown): string {
  // The upload's own message already says what to do.
  if (err instanceof UploadMissingError) return err.message;
  let e = err as { message?: string; code?: string; cause?: unknown; hint?: string } | null;
  // drizzle wraps a database error as "Failed query: <the SQL>": the server's own words are in its cause.
  while (e?.message?.startsWith("Failed query") && e.cause) e = e.cause as typeof e;
  const code = e?.code ?? "";
  let message = (e?.message ?? String(err)).split("\n")[0]!;
  if (message.startsWith("Failed query")) message = "a database statement failed";
  // 57P01 admin_shutdown (pg_terminate_backend, a server restart), 57P02/57P03, 08xxx connection exceptions.
  if (
    /^(57P0[123]|08)/.test(code) ||
    /Connection terminated|not queryable|ECONNRESET|EPIPE|ECONNREFUSED/i.test(message)
  )
    return `the database connection was lost during the import (${message}). Upload the file again once the portal is back.`;
  // 53100 disk_full; "could not extend file" is also how a size limit on the server's files (EFBIG) shows.
  if (code === "53100" || /No space left|could not extend file|File too large|disk full/i.test(message))
    return `the database server ran out of disk space (${message}). Ask your administrator to free space, then upload the file again.`;
  if (code === "25006")
    return `the database is read-only (${message}). Ask your administrator, then upload the file again.`;
  return `${message}. Upload the file again; if this repeats, ask your administrator.`;
}
