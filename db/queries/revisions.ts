/**
 * Revisions of an organisation's months. The code here is the only code that writes or deletes usage rows'
 * revisions (the rows have no foreign key to them: db/schema/usage-rows.ts); every write runs inside a transaction
 * holding the organisation's lock (lockOrganization, db/queries/organizations.ts).
 */
import { and, asc, desc, eq, inArray, lt, max, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { azureUsage, dataRevisions, imports, m365Licences, users } from "@/db/schema";

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

type Source = "azure" | "m365";

/**
 * Records the revisions whose rows the import has just written, as staged (nothing reads them yet). `ids` maps
 * each month of the file to the id its rows were tagged with; revision numbers follow the latest of each month.
 */
export async function stageRevisions(
  tx: Db,
  target: { organizationId: string; source: Source; importId: string; createdBy: string | null },
  ids: Map<string, string>,
  counts: Map<string, number>,
): Promise<void> {
  const months = [...ids.keys()];
  if (months.length === 0) return;
  const latest = await tx
    .select({ month: dataRevisions.month, n: max(dataRevisions.revision) })
    .from(dataRevisions)
    .where(
      and(
        eq(dataRevisions.organizationId, target.organizationId),
        eq(dataRevisions.source, target.source),
        inArray(dataRevisions.month, months),
      ),
    )
    .groupBy(dataRevisions.month);
  const next = new Map(latest.map((r) => [r.month, (r.n ?? 0) + 1]));
  await tx.insert(dataRevisions).values(
    months.map((month) => ({
      id: ids.get(month)!,
      organizationId: target.organizationId,
      source: target.source,
      month,
      revision: next.get(month) ?? 1,
      importId: target.importId,
      rowCount: counts.get(month) ?? 0,
      active: false,
      staged: true,
      createdBy: target.createdBy,
    })),
  );
}

/** Months among `months` that already have an active revision of this source. */
export async function monthsWithData(
  tx: Db,
  organizationId: string,
  source: Source,
  months: string[],
): Promise<string[]> {
  if (months.length === 0) return [];
  const rows = await tx
    .selectDistinct({ month: dataRevisions.month })
    .from(dataRevisions)
    .where(
      and(
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.source, source),
        eq(dataRevisions.active, true),
        inArray(dataRevisions.month, months),
      ),
    );
  return rows.map((r) => r.month).sort();
}

/** Puts an import's staged revisions in use, superseding the active revisions of their months. */
export async function activateImport(tx: Db, organizationId: string, importId: string): Promise<string[]> {
  const staged = await tx
    .select({ id: dataRevisions.id, source: dataRevisions.source, month: dataRevisions.month })
    .from(dataRevisions)
    .where(
      and(
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.importId, importId),
        eq(dataRevisions.staged, true),
      ),
    );
  if (staged.length === 0) return [];
  const months = staged.map((r) => r.month);
  await tx
    .update(dataRevisions)
    .set({ active: false })
    .where(
      and(
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.source, staged[0]!.source),
        eq(dataRevisions.active, true),
        inArray(dataRevisions.month, months),
      ),
    );
  await tx
    .update(dataRevisions)
    .set({ active: true, staged: false })
    .where(
      inArray(
        dataRevisions.id,
        staged.map((r) => r.id),
      ),
    );
  return months.sort();
}

/** Deletes an import's staged revisions and their rows (the user cancelled the import). */
export async function discardStaged(tx: Db, organizationId: string, importId: string): Promise<number> {
  const staged = await tx
    .select({ id: dataRevisions.id, source: dataRevisions.source })
    .from(dataRevisions)
    .where(
      and(
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.importId, importId),
        eq(dataRevisions.staged, true),
      ),
    );
  if (staged.length === 0) return 0;
  const ids = staged.map((r) => r.id);
  const table = staged[0]!.source === "azure" ? azureUsage : m365Licences;
  await tx.delete(table).where(inArray(table.revisionId, ids));
  await tx.delete(dataRevisions).where(inArray(dataRevisions.id, ids));
  return ids.length;
}

/** A revision of the history (not staged: an import waiting for its decision is not a rollback target). */
export async function findHistoryRevision(db: Db, organizationId: string, revisionId: string) {
  const [row] = await db
    .select()
    .from(dataRevisions)
    .where(
      and(
        eq(dataRevisions.id, revisionId),
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.staged, false),
      ),
    );
  return row ?? null;
}

/** The revision in use of one month and source, if any. */
export async function findActiveRevision(db: Db, organizationId: string, source: Source, month: string) {
  const [row] = await db
    .select()
    .from(dataRevisions)
    .where(
      and(
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.source, source),
        eq(dataRevisions.month, month),
        eq(dataRevisions.active, true),
      ),
    );
  return row ?? null;
}

/** Puts a revision in use, or takes it out of use. */
export async function setRevisionActive(db: Db, revisionId: string, active: boolean): Promise<void> {
  await db.update(dataRevisions).set({ active }).where(eq(dataRevisions.id, revisionId));
}

/** Whether any revision in use came from an import other than `importId`. */
export async function hasActiveRevisionOutside(db: Db, organizationId: string, importId: string): Promise<boolean> {
  const [other] = await db
    .select({ id: dataRevisions.id })
    .from(dataRevisions)
    .where(
      and(
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.active, true),
        ne(dataRevisions.importId, importId),
      ),
    )
    .limit(1);
  return Boolean(other);
}

export type ImportRollbackPlan = {
  /** Months going back to an earlier revision, with that revision's number. */
  restored: { month: string; revision: number }[];
  /** Months this import brought first: no data for them once rolled back. */
  emptied: string[];
};

/**
 * What rolling back a whole import would do: every month whose revision in use came from this import goes back to
 * the revision it superseded (the latest earlier one), and a month this import brought first is taken out of use.
 * Read by the data page (which lists the months before anyone clicks) and by the rollback itself.
 */
export async function planImportRollback(db: Db, organizationId: string, importId: string) {
  const [imp] = await db
    .select({ id: imports.id, source: imports.source, fileName: imports.fileName })
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.organizationId, organizationId)));
  if (!imp) return null;
  const inUse = await db
    .select()
    .from(dataRevisions)
    .where(
      and(
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.importId, importId),
        eq(dataRevisions.active, true),
      ),
    )
    .orderBy(dataRevisions.month);
  const plan: ImportRollbackPlan & { toRestore: string[]; toRetire: string[] } = {
    restored: [],
    emptied: [],
    toRestore: [],
    toRetire: inUse.map((r) => r.id),
  };
  for (const r of inUse) {
    const [earlier] = await db
      .select({ id: dataRevisions.id, revision: dataRevisions.revision })
      .from(dataRevisions)
      .where(
        and(
          eq(dataRevisions.organizationId, organizationId),
          eq(dataRevisions.source, r.source),
          eq(dataRevisions.month, r.month),
          eq(dataRevisions.staged, false),
          lt(dataRevisions.revision, r.revision),
          ne(dataRevisions.importId, importId),
        ),
      )
      .orderBy(desc(dataRevisions.revision))
      .limit(1);
    if (earlier) {
      plan.restored.push({ month: r.month, revision: earlier.revision });
      plan.toRestore.push(earlier.id);
    } else {
      plan.emptied.push(r.month);
    }
  }
  return { import: imp, ...plan };
}

/** Every active revision of the organisation (the data a recompute reads, and the key of each snapshot's inputs). */
export async function listActiveRevisions(
  db: Db,
  organizationId: string,
): Promise<{ id: string; source: string; month: string; revision: number }[]> {
  return db
    .select({
      id: dataRevisions.id,
      source: dataRevisions.source,
      month: dataRevisions.month,
      revision: dataRevisions.revision,
    })
    .from(dataRevisions)
    .where(and(eq(dataRevisions.organizationId, organizationId), eq(dataRevisions.active, true)));
}

/** The newest month with an active revision (of either source), or null when the organisation has no data. */
export async function newestActiveMonth(db: Db, organizationId: string): Promise<string | null> {
  const [latest] = await db
    .select({ month: max(dataRevisions.month) })
    .from(dataRevisions)
    .where(and(eq(dataRevisions.organizationId, organizationId), eq(dataRevisions.active, true)));
  return latest?.month ?? null;
}

/**
 * Deletes every revision of the organisation with its usage rows (clearing sample data, which is refused while
 * any real import holds data); returns how many revisions there were.
 */
export async function deleteOrganizationRevisions(tx: Db, organizationId: string): Promise<number> {
  const revisions = await tx
    .select({ id: dataRevisions.id })
    .from(dataRevisions)
    .where(eq(dataRevisions.organizationId, organizationId));
  const revisionIds = revisions.map((r) => r.id);
  if (revisionIds.length > 0) {
    // Usage rows have no foreign key to their revision (see docs/decisions.md): delete them by revision first.
    await tx.delete(azureUsage).where(inArray(azureUsage.revisionId, revisionIds));
    await tx.delete(m365Licences).where(inArray(m365Licences.revisionId, revisionIds));
    await tx.delete(dataRevisions).where(inArray(dataRevisions.id, revisionIds));
  }
  return revisionIds.length;
}
