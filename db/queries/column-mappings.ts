import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { columnMappings, type ColumnMapping } from "@/db/schema";

type Source = "azure" | "m365";

/** The organisation's saved mappings for one source (or all), most recently used first. */
export async function listColumnMappings(db: Db, organizationId: string, source?: Source): Promise<ColumnMapping[]> {
  return db
    .select()
    .from(columnMappings)
    .where(
      and(eq(columnMappings.organizationId, organizationId), source ? eq(columnMappings.source, source) : undefined),
    )
    .orderBy(desc(columnMappings.lastUsedAt), desc(columnMappings.createdAt));
}

/** Saves (or replaces) the mapping for one header layout. */
export async function upsertColumnMapping(
  db: Db,
  values: {
    organizationId: string;
    source: Source;
    headersKey: string;
    headers: string[];
    mapping: Record<string, string>;
    createdBy: string | null;
  },
): Promise<ColumnMapping> {
  const [row] = await db
    .insert(columnMappings)
    .values(values)
    .onConflictDoUpdate({
      target: [columnMappings.organizationId, columnMappings.source, columnMappings.headersKey],
      set: { headers: values.headers, mapping: values.mapping, createdBy: values.createdBy, createdAt: new Date() },
    })
    .returning();
  return row!;
}

export async function touchColumnMapping(db: Db, id: string): Promise<void> {
  await db.update(columnMappings).set({ lastUsedAt: new Date() }).where(eq(columnMappings.id, id));
}

/** Deletes one of the organisation's mappings; returns it, or undefined when it is not the organisation's. */
export async function deleteColumnMapping(
  db: Db,
  organizationId: string,
  id: string,
): Promise<ColumnMapping | undefined> {
  const [row] = await db
    .delete(columnMappings)
    .where(and(eq(columnMappings.organizationId, organizationId), eq(columnMappings.id, id)))
    .returning();
  return row;
}
