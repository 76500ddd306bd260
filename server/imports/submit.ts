import type { Db } from "@/db/client";
import { findImportById, insertImport } from "@/db/queries/imports";
import { findUploadById, linkUploadToImport } from "@/db/queries/uploads";
import type { Import, Upload } from "@/db/schema";
import { saveUpload } from "./storage";

/**
 * The import of a stored upload (the upload's id is the import's `storagePath`), in the caller's transaction: a
 * complete one, or, on PostgreSQL, one whose declared length is still arriving (the upload route begins large
 * imports at once, and their run reads the bytes as they land). An upload becomes at most one import: asked again (a retried last request), it returns the one made
 * first. The caller queues (or runs) the import's job.
 */
export async function importFromUpload(tx: Db, upload: Upload): Promise<{ imp: Import; created: boolean }> {
  if (upload.importId) {
    const existing = await findImportById(tx, upload.importId);
    if (existing) return { imp: existing, created: false };
  }
  const imp = await insertImport(tx, {
    organizationId: upload.organizationId,
    source: upload.source,
    fileName: upload.fileName,
    byteSize: upload.length ?? upload.received,
    storagePath: upload.id,
    dataMonth: upload.dataMonth,
    createdBy: upload.createdBy,
  });
  await linkUploadToImport(tx, upload.id, imp.id);
  return { imp, created: true };
}

/**
 * Stores a file as an upload and records its import, as the upload route does after its permission check: for
 * seeding, benchmarks and tests, which start from a file rather than a request. The caller queues (or runs) the
 * import's job.
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
  const { body, maxBytes, ...target } = upload;
  const saved = await saveUpload(db, target, body, maxBytes ?? Number.MAX_SAFE_INTEGER);
  const stored = await findUploadById(db, saved.id);
  return (await importFromUpload(db, stored!)).imp;
}
