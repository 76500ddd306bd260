import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dataRevisions, imports } from "@/db/schema";
import { enqueueJob } from "../jobs/queue";
import { lockOrganization } from "@/db/queries/organizations";
import { discardStaged } from "./revisions";
import { putInUse } from "./run";

export class ImportStateError extends Error {}

/**
 * The user's answer when an import would replace months that already have data. Its rows are stored already, as
 * staged revisions: replace puts them in use (superseding the months' current revisions) and queues the
 * recompute; cancel deletes them. Runs inside the caller's transaction, after any import of the organisation
 * that is still running (the organisation's lock).
 */
export async function decideImport(tx: Db, organizationId: string, importId: string, replace: boolean) {
  await lockOrganization(tx, organizationId);
  const [imp] = await tx
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.organizationId, organizationId)))
    .for("update");
  if (!imp) return null;
  if (imp.status !== "awaiting_confirmation") {
    throw new ImportStateError("This import is no longer waiting for a decision.");
  }
  if (replace) {
    await putInUse(tx, imp, imp.rowsProcessed);
    await tx.update(imports).set({ status: "succeeded", finishedAt: new Date() }).where(eq(imports.id, importId));
  } else {
    await discardStaged(tx, organizationId, importId);
    await tx.update(imports).set({ status: "cancelled", finishedAt: new Date() }).where(eq(imports.id, importId));
  }
  return {
    before: { status: imp.status },
    after: { status: replace ? "succeeded" : "cancelled", months: imp.conflictingMonths },
  };
}

/**
 * Makes an earlier revision of a month the active one again, and queues the recompute. Runs inside the caller's
 * transaction (which also writes the audit entry). A staged revision (an import waiting for its decision) is not
 * a rollback target: it is "not found" here, as it is absent from the history page.
 */
export async function rollbackRevision(tx: Db, organizationId: string, revisionId: string) {
  const [target] = await tx
    .select()
    .from(dataRevisions)
    .where(
      and(
        eq(dataRevisions.id, revisionId),
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.staged, false),
      ),
    );
  if (!target) return null;
  if (target.active)
    throw new ImportStateError(`Revision ${target.revision} is already the one in use for ${target.month}.`);
  const [current] = await tx
    .select()
    .from(dataRevisions)
    .where(
      and(
        eq(dataRevisions.organizationId, organizationId),
        eq(dataRevisions.source, target.source),
        eq(dataRevisions.month, target.month),
        eq(dataRevisions.active, true),
      ),
    );
  if (current) await tx.update(dataRevisions).set({ active: false }).where(eq(dataRevisions.id, current.id));
  await tx.update(dataRevisions).set({ active: true }).where(eq(dataRevisions.id, target.id));
  await enqueueJob(tx, { kind: "snapshots.recompute", organizationId, dedupeKey: `recompute:${organizationId}` });
  return {
    before: { source: target.source, month: target.month, revision: current?.revision ?? null },
    after: { source: target.source, month: target.month, revision: target.revision },
  };
}
