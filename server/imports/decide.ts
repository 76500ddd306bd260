import type { Db } from "@/db/client";
import { findImportForUpdate, finishImport } from "@/db/queries/imports";
import { lockOrganization } from "@/db/queries/organizations";
import { discardStaged } from "@/db/queries/revisions";
import { ActionFailure } from "../org-action";
import { putInUse } from "./run";

/**
 * The answer to an import that would replace months that already have data, from a person (imports.decide) or
 * from a Partner Center run set to replace automatically. Its rows are stored already, as staged revisions:
 * replace puts them in use (superseding the months' current revisions, and queueing the recompute); cancel deletes
 * them. Waits for any import of the organisation still running (the organisation's lock). Runs in the caller's
 * transaction, which writes the audit entry from what this returns.
 */
export async function decideStagedImport(tx: Db, organizationId: string, importId: string, replace: boolean) {
  await lockOrganization(tx, organizationId);
  const imp = await findImportForUpdate(tx, organizationId, importId);
  if (!imp) throw new ActionFailure("not_found", "This import could not be found.");
  if (imp.status !== "awaiting_confirmation")
    throw new ActionFailure("conflict", "This import is no longer waiting for a decision.");
  if (replace) await putInUse(tx, imp, imp.rowsProcessed);
  else await discardStaged(tx, organizationId, imp.id);
  await finishImport(tx, imp.id, replace ? "succeeded" : "cancelled");
  return {
    id: imp.id,
    before: { status: imp.status },
    after: { status: replace ? "succeeded" : "cancelled", months: imp.conflictingMonths },
  };
}
