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
