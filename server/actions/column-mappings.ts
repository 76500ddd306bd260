import { z } from "zod";
import { deleteColumnMapping } from "@/db/queries/column-mappings";
import { cancelMappingImport, mapImportColumns } from "../imports/column-mapping";
import { ActionFailure, defineOrgAction, type OrgAuditEntry, personOf } from "../org-action";

export type MapResult = { ok: true; importId: string } | { ok: false; fieldErrors: Record<string, string> };

/**
 * Maps the columns of an import waiting for a mapping (issue 15). The field values are checked against the
 * file's own headers (lib/imports/column-mapping.ts): a column used twice or a required field left empty is
 * refused with a message per field, and nothing changes. Saved for the organisation and source, and audited.
 */
export const mapImportColumnsAction = defineOrgAction({
  name: "imports.map",
  permission: "data.import",
  input: z.looseObject({ importId: z.uuid() }),
  handler: async (tx, { org, input, ...who }): Promise<{ result: MapResult; audit: OrgAuditEntry | null }> => {
    const user = personOf(who);
    const { importId, ...fields } = input;
    const done = await mapImportColumns(tx, org.id, importId, fields, user.id);
    if (!done.ok) return { result: { ok: false, fieldErrors: done.refused }, audit: null };
    return {
      result: { ok: true, importId },
      audit: {
        objectType: "import",
        objectId: importId,
        after: { source: done.import.source, mappingId: done.mappingId, mapping: done.mapping },
      },
    };
  },
});

/** Cancels an import waiting for a column mapping: its upload is deleted, nothing was stored. */
export const cancelMappingAction = defineOrgAction({
  name: "imports.cancelMapping",
  permission: "data.import",
  input: z.object({ importId: z.uuid() }),
  handler: async (tx, { org, input }) => {
    const imp = await cancelMappingImport(tx, org.id, input.importId);
    return {
      result: { importId: imp.id },
      audit: {
        objectType: "import",
        objectId: imp.id,
        before: { status: "needs_mapping" },
        after: { status: "cancelled" },
      },
    };
  },
});

/** Deletes a saved column mapping: later files with those headers ask again. */
export const deleteColumnMappingAction = defineOrgAction({
  name: "columnMappings.delete",
  permission: "data.import",
  input: z.object({ mappingId: z.uuid() }),
  handler: async (tx, { org, input }) => {
    const removed = await deleteColumnMapping(tx, org.id, input.mappingId);
    if (!removed) throw new ActionFailure("not_found", "This column mapping could not be found.");
    return {
      result: { mappingId: removed.id },
      audit: {
        objectType: "column_mapping",
        objectId: removed.id,
        before: { source: removed.source, headers: removed.headers, mapping: removed.mapping },
      },
    };
  },
});
