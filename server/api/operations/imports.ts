import { z } from "zod";
import { findImport } from "@/db/queries/imports";
import { Import } from "@/lib/api/schemas";
import { ActionFailure } from "../../org-action";
import { defineApiOperation } from "../operation";
import { orgPath } from "./shared";

/**
 * An import's status and errors. Files are uploaded through the same tus routes the Imports page uses
 * (/o/{slug}/imports/upload, with the Bearer token): the upload's last answer names the import in `Pcp-Import-Id`.
 */
export const getImportOperation = defineApiOperation({
  operationId: "imports.get",
  method: "GET",
  path: "/orgs/{slug}/imports/{importId}",
  summary: "Get an import",
  description:
    "An import's status (`uploaded`, `validating`, then `succeeded`, `invalid`, `failed`, or " +
    "`awaiting_confirmation` when it would replace months that have data) and its first 100 errors.",
  tag: "Imports",
  permission: "org.view",
  params: orgPath.extend({ importId: z.uuid("Not an import id.") }),
  response: Import,
  handler: async (tx, { org, input }) => {
    const imp = await findImport(tx, org.id, input.importId);
    if (!imp) throw new ActionFailure("not_found", "This import could not be found.");
    return {
      body: {
        id: imp.id,
        source: imp.source,
        fileName: imp.fileName,
        byteSize: imp.byteSize,
        status: imp.status,
        dataMonth: imp.dataMonth,
        months: imp.months ?? [],
        rowsProcessed: imp.rowsProcessed,
        errorTotal: imp.errorTotal,
        errors: imp.errors ?? [],
        failureReason: imp.failureReason,
        createdAt: imp.createdAt.toISOString(),
        finishedAt: imp.finishedAt?.toISOString() ?? null,
      },
    };
  },
});
