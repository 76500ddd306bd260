import { and, eq, sql } from "drizzle-orm";
import type { Pool } from "pg";
import type { Db } from "@/db/client";
import { copyToStdout, poolOf } from "@/db/driver";
import { uploads, type Upload } from "@/db/schema";

export type NewUpload = {
  organizationId: string;
  createdBy: string | null;
  source: "azure" | "m365";
  fileName: string;
  dataMonth: string | null;
  length: number | null;
};

export async function insertUpload(db: Db, values: NewUpload): Promise<Upload> {
  const [row] = await db.insert(uploads).values(values).returning();
  return row!;
}

/** An upload of this organisation, or undefined: an id from another organisation is "not found". */
export async function findUpload(
  db: Db,
  organizationId: string,
  id: string,
  forUpdate = false,
): Promise<Upload | undefined> {
  const query = db
    .select()
    .from(uploads)
    .where(and(eq(uploads.organizationId, organizationId), eq(uploads.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row;
}

export async function findUploadById(db: Db, id: string): Promise<Upload | undefined> {
  const [row] = await db.select().from(uploads).where(eq(uploads.id, id));
  return row;
}

/**
 * Stores the piece that starts at `offset`, in one statement: it is written only if the upload has received
 * exactly `offset` bytes and the piece stays within `maxLength` (the declared length, or the size limit while it
 * is unknown), and the upload's count moves on with it. Two requests racing for the same offset (a client that
 * retried while its first request was still arriving, or two instances) cannot both succeed. Returns false when
 * the offset no longer matches or the piece would pass `maxLength`.
 */
export async function appendPiece(
  db: Db,
  uploadId: string,
  offset: number,
  data: Uint8Array,
  maxLength: number,
): Promise<boolean> {
  const result = await db.execute(sql`
    with moved as (
      update uploads set received = received + ${data.byteLength}::bigint, updated_at = now()
      where id = ${uploadId}::uuid and received = ${offset}::bigint
        and received + ${data.byteLength}::bigint <= ${maxLength}::bigint
      returning id
    )
    insert into upload_chunks (upload_id, "offset", data) select id, ${offset}::bigint, ${data}::bytea from moved`);
  return affected(result) === 1;
}

/** The upload became this import (an upload becomes at most one: server/imports/submit.ts). */
export async function linkUploadToImport(db: Db, uploadId: string, importId: string): Promise<void> {
  await db.update(uploads).set({ importId }).where(eq(uploads.id, uploadId));
}

/** A single-request upload (its length unknown until the body ended): its length is what arrived. */
export async function closeUploadLength(db: Db, uploadId: string): Promise<void> {
  await db
    .update(uploads)
    .set({ length: sql`${uploads.received}` })
    .where(and(eq(uploads.id, uploadId), sql`${uploads.length} is null`));
}

/**
 * The piece that starts at `offset`, or null (not stored, or not yet: an upload still arriving). On PostgreSQL it
 * comes as `COPY … TO STDOUT (FORMAT binary)` on a connection of the pool, so the bytes arrive as they are
 * stored: a query result carries bytea as text (hex, two characters a byte, or base64 through encode()), and
 * making and decoding that text was most of the time of reading an upload back (measured: 80 MB in 4 MB pieces,
 * 17-20 s as base64 or hex text, about 5 s as bytes, on the shared machine). node-postgres's own binary results
 * cannot be used: it reads every value as UTF-8 text first, which changes bytes that are not valid UTF-8.
 * PGlite returns bytea as bytes already.
 */
export async function readPiece(db: Db, uploadId: string, offset: number): Promise<Uint8Array | null> {
  // A PostgreSQL handle reads through its pool; a transaction (and PGlite) through a query.
  const pool = poolOf(db);
  if (pool !== null) return copyPiece(pool, uploadId, offset);
  const result = await db.execute(
    sql`select data from upload_chunks where upload_id = ${uploadId}::uuid and "offset" = ${offset}::bigint`,
  );
  const row = rowsOf<{ data: Uint8Array | string }>(result)[0];
  if (!row) return null;
  // PGlite gives bytea as bytes; a driver that gives text gives "\x…" hex.
  return typeof row.data === "string" ? Buffer.from(row.data.replace(/^\\x/, ""), "hex") : row.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's binary COPY header: signature, flags (int32), header extension length (int32). */
const COPY_SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

async function copyPiece(pool: Pool, uploadId: string, offset: number): Promise<Uint8Array | null> {
  // COPY takes no bind parameters: both values are checked to be what they must be before they are inlined.
  if (!UUID.test(uploadId) || !Number.isSafeInteger(offset) || offset < 0) return null;
  const client = await pool.connect();
  const parts: Buffer[] = [];
  try {
    const stream = copyToStdout(
      client,
      `COPY (select data from upload_chunks where upload_id = '${uploadId}' and "offset" = ${offset}) TO STDOUT (FORMAT binary)`,
    );
    for await (const part of stream as AsyncIterable<Buffer>) parts.push(part);
  } catch (err) {
    client.release(err instanceof Error ? err : true);
    throw err;
  }
  client.release();
  const all = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  if (all.byteLength < 19 || !all.subarray(0, 11).equals(COPY_SIGNATURE)) throw new Error("unexpected COPY output");
  let at = 19 + all.readInt32BE(15);
  if (all.readInt16BE(at) === -1) return null; // no row: the trailer follows the header
  const length = all.readInt32BE(at + 2);
  at += 6;
  if (length < 0) return null;
  return all.subarray(at, at + length);
}

export async function deleteUpload(db: Db, uploadId: string): Promise<void> {
  await db.delete(uploads).where(eq(uploads.id, uploadId));
}

/** Why an import begun while its file was arriving ended when the file stopped coming (see pruneUploads). */
export const UPLOAD_NOT_COMPLETED =
  "The import stopped and nothing was stored: the file's upload was not completed (no byte arrived for a day). Upload the file again.";

/**
 * Deletes what no one will read any more: uploads abandoned before their last byte (untouched for `staleAfterMs`),
 * and uploads whose import has ended but whose pass could not delete them (e.g. the database was unreachable).
 * An import begun while its upload was still arriving (the upload route starts large imports early) whose upload
 * was abandoned ends failed first, so that it too is not left waiting for ever.
 */
export async function pruneUploads(db: Db, staleAfterMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - staleAfterMs);
  await db.execute(sql`
    update imports i set status = 'failed', failure_reason = ${UPLOAD_NOT_COMPLETED}, storage_path = null,
           finished_at = now()
      from uploads u
     where u.import_id = i.id and i.status = 'uploaded'
       and (u.length is null or u.received < u.length) and u.updated_at < ${cutoff.toISOString()}::timestamptz`);
  const result = await db.execute(sql`
    delete from uploads u
    where (u.import_id is null and u.updated_at < ${cutoff.toISOString()}::timestamptz)
       or exists (select 1 from imports i where i.id = u.import_id and i.status not in ('uploaded', 'validating', 'needs_mapping'))`);
  return affected(result);
}

function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
