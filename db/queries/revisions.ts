import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dataRevisions, imports, users } from "@/db/schema";

/**
 * Every revision of every month and source of an organisation, newest month and revision first. Staged revisions
 * (an import waiting for the user's decision) are not history yet, and are left out.
 */
export async function listRevisions(db: Db, organizationId: string) {
  return db
    .select({
      id: dataRevisions.id,
      source: dataRevisions.source,
      month: dataRevisions.month,
      revision: dataRevisions.revision,
      active: dataRevisions.active,
      rowCount: dataRevisions.rowCount,
      createdAt: dataRevisions.createdAt,
      fileName: imports.fileName,
      importId: imports.id,
      createdBy: users.name,
    })
    .from(dataRevisions)
    .leftJoin(imports, eq(imports.id, dataRevisions.importId))
    .leftJoin(users, eq(users.id, dataRevisions.createdBy))
    .where(and(eq(dataRevisions.organizationId, organizationId), eq(dataRevisions.staged, false)))
    .orderBy(desc(dataRevisions.month), asc(dataRevisions.source), desc(dataRevisions.revision));
}
