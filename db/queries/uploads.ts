import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
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

/** A single-request upload (its length unknown until the body ended): its length is what arrived. */
export async function closeUploadLength(db: Db, uploadId: string): Promise<void> {
  await db
    .update(uploads)
    .set({ length: sql`${uploads.received}` })
    .where(and(eq(uploads.id, uploadId), sql`${uploads.length} is null`));
}

/**
 * The piece that starts at `offset`, or null. Read as base64: node-postgres receives bytea as hex text (two
 * characters a byte), and base64 (four for three) halved the time of reading an upload back.
 */
export async function readPiece(db: Db, uploadId: string, offset: number): Promise<Uint8Array | null> {
  const result = await db.execute(
    sql`select encode(data, 'base64') as data from upload_chunks where upload_id = ${uploadId}::uuid and "offset" = ${offset}::bigint`,
  );
  const row = rowsOf<{ data: string }>(result)[0];
  return row ? Buffer.from(row.data, "base64") : null;
}

export async function deleteUpload(db: Db, uploadId: string): Promise<void> {
  await db.delete(uploads).where(eq(uploads.id, uploadId));
}

/**
 * Deletes what no one will read any more: uploads abandoned before their last byte (untouched for `staleAfterMs`),
 * and uploads whose import has ended but whose pass could not delete them (e.g. the database was unreachable).
 */
export async function pruneUploads(db: Db, staleAfterMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - staleAfterMs);
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
