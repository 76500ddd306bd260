/**
 * The revisions an import creates, and the only code that writes or deletes usage rows' revisions (the rows have
 * no foreign key to them: db/schema/usage-rows.ts). All of it runs inside a transaction holding the
 * organisation's lock.
 */
import { and, eq, inArray, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { azureUsage, dataRevisions, m365Licences } from "@/db/schema";

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
