import type { Db } from "@/db/client";
import { insertImport } from "@/db/queries/imports";
import type { Import } from "@/db/schema";
import { saveUpload } from "./storage";

/**
 * Puts a file into the upload folder and records its import, as the upload route does after its permission
 * check: for seeding, benchmarks and tests, which start from a file rather than a request. The caller queues
 * (or runs) the validation.
 */
export async function submitImportFile(
  db: Db,
  upload: {
    organizationId: string;
    source: "azure" | "m365";
    fileName: string;
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
    dataMonth: string | null;
    createdBy: string | null;
    maxBytes?: number;
  },
): Promise<Import> {
  const saved = await saveUpload(upload.body, upload.maxBytes ?? Number.MAX_SAFE_INTEGER);
  return insertImport(db, {
    organizationId: upload.organizationId,
    source: upload.source,
    fileName: upload.fileName,
    byteSize: saved.bytes,
    storagePath: saved.path,
    dataMonth: upload.dataMonth,
    createdBy: upload.createdBy,
  });
}
