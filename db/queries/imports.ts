import { and, desc, eq, inArray, max, notInArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { imports, type Import } from "@/db/schema";

export type NewImport = {
  organizationId: string;
  source: "azure" | "m365";
  fileName: string;
  byteSize: number;
  storagePath: string;
  dataMonth: string | null;
  createdBy: string | null;
  /** Generated sample data (server/sample-data.ts). */
  sample?: boolean;
};

export async function insertImport(db: Db, values: NewImport): Promise<Import> {
  const [row] = await db
    .insert(imports)
    .values({ ...values, status: "uploaded" })
    .returning();
  return row!;
}

/** An import of this organisation, or undefined: an id from another organisation is "not found". */
export async function findImport(db: Db, organizationId: string, id: string): Promise<Import | undefined> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), eq(imports.id, id)));
  return row;
}

export async function listImports(db: Db, organizationId: string, limit = 20): Promise<Import[]> {
  return db
    .select()
    .from(imports)
    .where(eq(imports.organizationId, organizationId))
    .orderBy(desc(imports.createdAt))
    .limit(limit);
}

/** The latest data month brought by a successful import (the refresh the organisation is at). */
export async function latestImportedDataMonth(db: Db, organizationId: string): Promise<string | null> {
  const [row] = await db
    .select({ month: max(imports.dataMonth) })
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), eq(imports.status, "succeeded")));
  return row?.month ?? null;
}

/** One import of the organisation, locked until the transaction ends (a decision on it, or its pass, waits). */
export async function findImportForUpdate(db: Db, organizationId: string, id: string): Promise<Import | undefined> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.id, id), eq(imports.organizationId, organizationId)))
    .for("update");
  return row;
}

/** Ends an import that waited for the user's decision. */
export async function finishImport(db: Db, id: string, status: "succeeded" | "cancelled"): Promise<void> {
  await db.update(imports).set({ status, finishedAt: new Date() }).where(eq(imports.id, id));
}

/** Whether the organisation has an import in one of `statuses`. */
export async function hasImportWithStatus(
  db: Db,
  organizationId: string,
  statuses: Import["status"][],
): Promise<boolean> {
  const rows = await db
    .select({ id: imports.id })
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), inArray(imports.status, statuses)))
    .limit(1);
  return rows.length > 0;
}

/** The organisation's imports in one of `statuses`: whether each is sample data, and its status. */
export async function listImportStates(db: Db, organizationId: string, statuses: Import["status"][]) {
  return db
    .select({ id: imports.id, sample: imports.sample, status: imports.status })
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), inArray(imports.status, statuses)));
}

export async function listImportsByIds(db: Db, ids: string[]): Promise<Import[]> {
  return db.select().from(imports).where(inArray(imports.id, ids));
}

/** Flags an import as generated sample data (server/sample-data.ts). */
export async function markImportSample(db: Db, id: string): Promise<void> {
  await db.update(imports).set({ sample: true }).where(eq(imports.id, id));
}

/**
 * Deletes the organisation's sample imports, except one still uploading or validating; returns how many sample
 * imports there were.
 */
export async function deleteSampleImports(tx: Db, organizationId: string): Promise<number> {
  const allSample = await tx
    .select({ id: imports.id })
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), eq(imports.sample, true)));
  await tx
    .delete(imports)
    .where(
      and(
        eq(imports.organizationId, organizationId),
        eq(imports.sample, true),
        notInArray(imports.status, ["uploaded", "validating"]),
      ),
    );
  return allSample.length;
}

export async function findImportById(db: Db, id: string): Promise<Import | undefined> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row;
}

/** The status of an import, locked until the transaction ends (a pass ending it, or closing it, waits). */
export async function lockImportStatus(db: Db, id: string): Promise<Import["status"] | undefined> {
  const [row] = await db.select({ status: imports.status }).from(imports).where(eq(imports.id, id)).for("update");
  return row?.status;
}

/** An import's pass begins: it is `validating`, with no progress yet. */
export async function startImportPass(db: Db, id: string): Promise<void> {
  await db.update(imports).set({ status: "validating", rowsProcessed: 0, bytesProcessed: 0 }).where(eq(imports.id, id));
}

/** The pass gave way to an upload still arriving: the import waits for the request bringing its last byte. */
export async function awaitImportUpload(db: Db, id: string): Promise<void> {
  await db.update(imports).set({ status: "uploaded", rowsProcessed: 0, bytesProcessed: 0 }).where(eq(imports.id, id));
}

/** How far the pass has read (written at most once a second, server/imports/progress.ts). */
export async function recordImportProgress(db: Db, id: string, bytes: number, rows: number): Promise<void> {
  await db.update(imports).set({ bytesProcessed: bytes, rowsProcessed: rows }).where(eq(imports.id, id));
}

/** The import ended `failed`, with the sentence the import page shows; its upload is no longer referred to. */
export async function failImport(db: Db, id: string, failureReason: string): Promise<void> {
  await db
    .update(imports)
    .set({ status: "failed", failureReason, storagePath: null, finishedAt: new Date() })
    .where(eq(imports.id, id));
}

type ImportOutcome = Partial<
  Pick<
    Import,
    | "status"
    | "errors"
    | "errorTotal"
    | "summary"
    | "rowsProcessed"
    | "months"
    | "dataMonth"
    | "conflictingMonths"
    | "confirmReasons"
    | "columnMapping"
    | "preview"
    | "storagePath"
    | "finishedAt"
  >
>;

/** What a pass over the file found: its rows and months, or its errors (invalid, or waiting for a mapping). */
export async function recordImportOutcome(db: Db, id: string, outcome: ImportOutcome): Promise<void> {
  await db.update(imports).set(outcome).where(eq(imports.id, id));
}

/** A person mapped the columns: the import is queued again, its file's errors forgotten. */
export async function requeueMappedImport(db: Db, id: string): Promise<void> {
  await db
    .update(imports)
    .set({ status: "uploaded", errors: null, errorTotal: 0, finishedAt: null })
    .where(eq(imports.id, id));
}

/** The upload an import of this organisation refers to, its row locked until the transaction ends. */
export async function lockImportStoragePath(
  db: Db,
  organizationId: string,
  id: string,
): Promise<{ storagePath: string | null } | undefined> {
  const [row] = await db
    .select({ storagePath: imports.storagePath })
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), eq(imports.id, id)))
    .for("update");
  return row;
}

/** Cancels an import waiting for a column mapping; undefined when it is not waiting for one (any more). */
export async function cancelImportNeedingMapping(
  db: Db,
  organizationId: string,
  id: string,
): Promise<Import | undefined> {
  const [row] = await db
    .update(imports)
    .set({ status: "cancelled", storagePath: null, finishedAt: new Date() })
    .where(and(eq(imports.organizationId, organizationId), eq(imports.id, id), eq(imports.status, "needs_mapping")))
    .returning();
  return row;
}
