import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dataRevisions, imports } from "@/db/schema";
import { enqueueJob } from "../jobs/queue";
import { removeUpload } from "./storage";

export class ImportStateError extends Error {}

/**
 * The user's answer when an import would replace months that already have data: replace (queue it) or cancel
 * (discard the upload; nothing was stored). Runs inside the caller's transaction.
 */
export async function decideImport(tx: Db, organizationId: string, importId: string, replace: boolean) {
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
    await tx.update(imports).set({ status: "queued" }).where(eq(imports.id, importId));
    await enqueueJob(tx, { kind: "import.commit", organizationId, payload: { importId } });
  } else {
    await tx.update(imports).set({ status: "cancelled", storagePath: null, finishedAt: new Date() }).where(eq(imports.id, importId));
    removeUpload(imp.storagePath);
  }
  return { before: { status: imp.status }, after: { status: replace ? "queued" : "cancelled", months: imp.conflictingMonths } };
}

/**
 * Makes an earlier revision of a month the active one again, and queues the recompute. Runs inside the caller's
 * transaction (which also writes the audit entry).
 */
export async function rollbackRevision(tx: Db, organizationId: string, revisionId: string) {
  const [target] = await tx
    .select()
    .from(dataRevisions)
    .where(and(eq(dataRevisions.id, revisionId), eq(dataRevisions.organizationId, organizationId)));
  if (!target) return null;
  if (target.active) throw new ImportStateError(`Revision ${target.revision} is already the one in use for ${target.month}.`);
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
