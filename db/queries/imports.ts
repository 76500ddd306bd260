import { and, desc, eq } from "drizzle-orm";
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
