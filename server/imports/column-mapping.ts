import type { Db } from "@/db/client";
import { listColumnMappings, touchColumnMapping, upsertColumnMapping } from "@/db/queries/column-mappings";
import {
  cancelImportNeedingMapping,
  findImportForUpdate,
  lockImportStoragePath,
  requeueMappedImport,
} from "@/db/queries/imports";
import { deleteUpload } from "@/db/queries/uploads";
import type { Import } from "@/db/schema";
import {
  columnsOf,
  detectedMapping,
  headersKey,
  mappingFits,
  missingFields,
  parseMapping,
} from "@/lib/imports/column-mapping";
import { matchHeader } from "@/lib/scoring";
import type { HeaderMapping, ImportError } from "@/lib/scoring";
import { enqueueJob } from "../jobs/queue";
import { ActionFailure } from "../org-action";

/**
 * Column mapping in the import pipeline (issue 15). The import job asks `savedMappingFor` before it reads a file
 * whose header lacks a required column: an upload and a connector file go through the same step, so both reuse
 * the organisation's saved mappings. When none fits, `asksForMapping` decides whether the file ends
 * `needs_mapping` (its upload kept) instead of `invalid`.
 */

/** The saved mapping to read this file with: none when its header has every required column already. */
export async function savedMappingFor(
  db: Db,
  imp: Pick<Import, "organizationId" | "source">,
  headers: string[],
): Promise<HeaderMapping | undefined> {
  if (headers.length === 0 || missingFields(imp.source, headers).length === 0) return undefined;
  const saved = await listColumnMappings(db, imp.organizationId, imp.source);
  const key = headersKey(headers);
  // The mapping made for exactly these headers first, then any other whose columns are all in the file.
  const fit =
    saved.find((m) => m.headersKey === key && mappingFits(imp.source, headers, m.mapping)) ??
    saved.find((m) => mappingFits(imp.source, headers, m.mapping));
  if (!fit) return undefined;
  await touchColumnMapping(db, fit.id);
  return fit.mapping;
}

/** Field (canonical header) → the file's column it was read from under a mapping, as the import page shows it. */
export function mappedColumns(
  source: "azure" | "m365",
  headers: string[],
  mapping: HeaderMapping,
): Record<string, string | null> {
  const columns = columnsOf(source);
  const { match } = matchHeader(headers, columns, mapping);
  const index = match.index as Record<string, number>;
  return Object.fromEntries(columns.map((c) => [c.names[0]!, index[c.key]! >= 0 ? headers[index[c.key]!]! : null]));
}

/**
 * A rejected file asks for a mapping instead when the only problem is its header (required columns missing,
 * not the other export's columns), it has data rows, and it has enough columns to map every required field.
 */
export function asksForMapping(
  source: "azure" | "m365",
  errors: ImportError[],
  preview: { headers: string[]; rows: string[][] },
): boolean {
  const required = missingFields(source, []).length;
  return (
    errors.length > 0 &&
    errors.every((e) => e.line === 1 && /^required column is missing/.test(e.message)) &&
    preview.rows.length > 0 &&
    preview.headers.filter((h) => h !== "").length >= required
  );
}

/**
 * The person's mapping for an import waiting for one: validated against the file's headers, saved for the
 * organisation and source, and the import queued again (its job now finds the mapping). In the caller's
 * transaction; returns what the audit entry records, or the messages per field when the mapping is refused.
 */
export async function mapImportColumns(
  tx: Db,
  organizationId: string,
  importId: string,
  raw: Record<string, unknown>,
  userId: string,
) {
  const imp = await findImportForUpdate(tx, organizationId, importId);
  if (!imp) throw new ActionFailure("not_found", "This import could not be found.");
  if (imp.status !== "needs_mapping" || !imp.preview)
    throw new ActionFailure("conflict", "This import is not waiting for a column mapping any more.");
  const headers = imp.preview.headers;
  // Fields not submitted keep the column found by name; a submitted empty value means "not in the file".
  const parsed = parseMapping(imp.source, headers, { ...detectedMapping(imp.source, headers), ...raw });
  if (!parsed.ok) return { ok: false, refused: parsed.errors } as const;
  const saved = await upsertColumnMapping(tx, {
    organizationId,
    source: imp.source,
    headersKey: headersKey(headers),
    headers,
    mapping: parsed.mapping,
    createdBy: userId,
  });
  await requeueMappedImport(tx, imp.id);
  await enqueueJob(tx, { kind: "import.run", organizationId, payload: { importId: imp.id } });
  return { ok: true, import: imp, mappingId: saved.id, mapping: parsed.mapping } as const;
}

/** Cancels an import waiting for a mapping: it ends cancelled and its upload is deleted, in the caller's transaction. */
export async function cancelMappingImport(tx: Db, organizationId: string, importId: string) {
  const waiting = await lockImportStoragePath(tx, organizationId, importId);
  const imp = await cancelImportNeedingMapping(tx, organizationId, importId);
  if (!imp) throw new ActionFailure("conflict", "This import is not waiting for a column mapping any more.");
  if (waiting?.storagePath) await deleteUpload(tx, waiting.storagePath);
  return imp;
}
