/**
 * Rolls back a whole import in one action: every month whose revision in use came from this import goes back to
 * the revision it superseded (the latest earlier one), and a month this import brought first is taken out of use
 * (no revision of it is read any more). Then the recompute is queued. Runs inside the caller's transaction, which
 * writes the audit entry, after any import of the organisation still running (the organisation's lock).
 */
import { and, desc, eq, lt, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dataRevisions, imports } from "@/db/schema";
import { enqueueJob } from "../jobs/queue";
import { ImportStateError } from "./decisions";
import { lockOrganization } from "@/db/queries/organizations";

export type ImportRollbackPlan = {
  /** Months going back to an earlier revision, with that revision's number. */
  restored: { month: string; revision: number }[];
  /** Months this import brought first: no data for them once rolled back. */
  emptied: string[];
};

/** What rolling back this import would do (for the page, which lists the months before anyone clicks). */
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

export async function rollbackImport(tx: Db, organizationId: string, importId: string) {
  await lockOrganization(tx, organizationId);
  const plan = await planImportRollback(tx, organizationId, importId);
  if (!plan) return null;
  if (plan.toRetire.length === 0) {
    throw new ImportStateError("None of this import's months is in use, so there is nothing to roll back.");
  }
  const [other] = await tx
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
  if (!other && plan.toRestore.length === 0) {
    // The snapshots are kept for ever; with no data left at all they would go on showing this import's numbers.
    throw new ImportStateError(
      "This import holds all of the organisation's data in use, so rolling it back would leave nothing to score. Import the corrected file instead: it replaces these months.",
    );
  }
  for (const id of plan.toRetire) {
    await tx.update(dataRevisions).set({ active: false }).where(eq(dataRevisions.id, id));
  }
  for (const id of plan.toRestore) {
    await tx.update(dataRevisions).set({ active: true }).where(eq(dataRevisions.id, id));
  }
  await enqueueJob(tx, { kind: "snapshots.recompute", organizationId, dedupeKey: `recompute:${organizationId}` });
  return {
    before: {
      source: plan.import.source,
      months: plan.toRetire.length,
    },
    after: {
      source: plan.import.source,
      fileName: plan.import.fileName,
      months: [...plan.restored.map((r) => r.month), ...plan.emptied].sort(),
      restored: plan.restored.map((r) => `${r.month} → revision ${r.revision}`),
      emptied: plan.emptied,
    },
  };
}
