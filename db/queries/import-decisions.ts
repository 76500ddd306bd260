import type { Db } from "@/db/client";
import type { Import } from "@/db/schema";
import { appendAudit } from "./audit-log";
import { findImportForUpdate, finishImport } from "./imports";
import { insertJob } from "./jobs";
import { lockOrganization } from "./organizations";
import { runOfImport } from "./partner-center";
import { activateImport, discardStaged } from "./revisions";
import { findActor } from "./users";

/**
 * Puts a stored import's revisions in use (superseding its months' current ones), writes its `data.import` audit
 * entry and queues the organisation's recompute, in the caller's transaction: the end of an import with no
 * conflicting month (server/imports/run.ts) and the "replace" answer to one that had some (decideStagedImport).
 */
export async function putImportInUse(
  tx: Db,
  imp: Pick<Import, "id" | "organizationId" | "source" | "createdBy" | "months" | "conflictingMonths">,
  rows: number,
): Promise<void> {
  await activateImport(tx, imp.organizationId, imp.id);
  const actor = imp.createdBy ? await findActor(tx, imp.createdBy) : undefined;
  // An import a Partner Center run made is the connection's doing, not a person's.
  const connectorRunId = await runOfImport(tx, imp.id);
  await appendAudit(tx, {
    organizationId: imp.organizationId,
    actor: actor ?? null,
    actorLabel: connectorRunId ? "Partner Center connection" : undefined,
    action: "data.import",
    objectType: "import",
    objectId: imp.id,
    before: { activeMonths: imp.conflictingMonths ?? [] },
    after: {
      source: imp.source,
      months: imp.months ?? [],
      rows,
      ...(connectorRunId ? { via: "partner-center", connectorRunId } : {}),
    },
  });
  await insertJob(tx, {
    kind: "snapshots.recompute",
    organizationId: imp.organizationId,
    dedupeKey: `recompute:${imp.organizationId}`,
  });
}

export type StagedImportDecision =
  | { outcome: "not_found" }
  | { outcome: "not_waiting" }
  | {
      outcome: "decided";
      id: string;
      before: { status: Import["status"] };
      after: { status: "succeeded" | "cancelled"; months: string[] | null };
    };

/**
 * The answer to an import that would replace months that already have data, from a person (imports.decide) or
 * from a Partner Center run set to replace automatically. Its rows are stored already, as staged revisions:
 * replace puts them in use (putImportInUse); cancel deletes them. Waits for any import of the organisation still
 * running (the organisation's lock). Runs in the caller's transaction; the caller turns "not_found" and
 * "not_waiting" into its own refusal and writes its audit entry from what this returns.
 */
export async function decideStagedImport(
  tx: Db,
  organizationId: string,
  importId: string,
  replace: boolean,
): Promise<StagedImportDecision> {
  await lockOrganization(tx, organizationId);
  const imp = await findImportForUpdate(tx, organizationId, importId);
  if (!imp) return { outcome: "not_found" };
  if (imp.status !== "awaiting_confirmation") return { outcome: "not_waiting" };
  if (replace) await putImportInUse(tx, imp, imp.rowsProcessed);
  else await discardStaged(tx, organizationId, imp.id);
  await finishImport(tx, imp.id, replace ? "succeeded" : "cancelled");
  return {
    outcome: "decided",
    id: imp.id,
    before: { status: imp.status },
    after: { status: replace ? "succeeded" : "cancelled", months: imp.conflictingMonths },
  };
}
