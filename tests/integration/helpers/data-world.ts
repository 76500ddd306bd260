import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dataRevisions } from "@/db/schema";
import { decideImportAction } from "@/server/actions/imports";
import { saveUpload } from "@/server/imports/storage";
import { upsertColumnMapping } from "@/db/queries/column-mappings";
import { headersKey } from "@/lib/imports/column-mapping";
import { runHandler, settle, uploadFile } from "./imports";

export type DataWorld = {
  /** An import waiting for "replace or cancel". */
  awaitingImportId: string;
  /** A rejected import, with errors to export. */
  invalidImportId: string;
  /** An import whose month (2026-01) replaced an earlier revision: rolling it back restores that one. */
  replacingImportId: string;
  /** A revision that is not in use, to roll back to. */
  earlierRevisionId: string;
  /** A complete stored upload, as the upload route leaves it before recording its import. */
  uploadId: string;
  /** An import of a file with renamed headers, waiting for its column mapping (issue 15). */
  needsMappingImportId: string;
  /** A saved column mapping of the organisation. */
  columnMappingId: string;
};

/** The Azure header with three columns renamed: the portal cannot read it without a mapping. */
export const RENAMED_HEADER = "Tenant GUID,CustomerName,Usage Period,ServiceName,OfferType,Attribution,Revenue USD\n";
export const RENAMED_MAPPING = {
  tenantId: "Tenant GUID",
  month: "Usage Period",
  associationType: "Attribution",
  acr: "Revenue USD",
};

const HEADER = "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n";
const row = (acr: string) => `00000000-0000-4000-8000-000000000001,Contoso,2026-01,Key Vault,Azure Plan,PAL,${acr}\n`;

/** Imports, revisions and an upload for the data actions of the access matrix, through the real pipeline. */
export async function seedDataWorld(db: Db, organizationId: string, userId: string): Promise<DataWorld> {
  const target = { organizationId, userId };
  await settle(db, await uploadFile(db, target, "azure", HEADER + row("700"), "2026-10"));
  const second = await uploadFile(db, target, "azure", HEADER + row("800"), "2026-10");
  await settle(db, second);
  // Replacing 2026-01 leaves revision 1 as an earlier revision.
  await runHandler(db, decideImportAction, organizationId, { importId: second, decision: "replace" });
  await settle(db);
  const awaitingImportId = await uploadFile(db, target, "azure", HEADER + row("900"), "2026-10");
  await settle(db, awaitingImportId);
  const invalidImportId = await uploadFile(db, target, "azure", HEADER + "not-a-guid,X,2026-01,Key Vault,,PAL,1\n");
  await settle(db, invalidImportId);
  const [earlier] = await db
    .select({ id: dataRevisions.id })
    .from(dataRevisions)
    .where(and(eq(dataRevisions.organizationId, organizationId), eq(dataRevisions.active, false)));
  const upload = await saveUpload(
    db,
    { organizationId, createdBy: userId, source: "azure", fileName: "usage.csv", dataMonth: "2026-10" },
    [Buffer.from(HEADER + row("100"))],
    1024 * 1024,
  );
  const needsMappingImportId = await uploadFile(db, target, "azure", RENAMED_HEADER + row("100"), "2026-10");
  await settle(db, needsMappingImportId);
  const mapping = await upsertColumnMapping(db, {
    organizationId,
    source: "m365",
    headersKey: headersKey(["Tenant", "Period", "Product", "Attribution", "Seats"]),
    headers: ["Tenant", "Period", "Product", "Attribution", "Seats"],
    mapping: { tenantId: "Tenant", month: "Period", associationType: "Attribution", paidUnits: "Seats" },
    createdBy: userId,
  });
  return {
    needsMappingImportId,
    columnMappingId: mapping.id,
    awaitingImportId,
    invalidImportId,
    replacingImportId: second,
    earlierRevisionId: earlier!.id,
    uploadId: upload.id,
  };
}
