import { driverOf, type Db } from "@/db/client";
import {
  appendPiece,
  closeUploadLength,
  deleteUpload,
  findUploadById,
  insertUpload,
  pruneUploads,
  readPiece,
  type NewUpload,
} from "@/db/queries/uploads";

/**
 * Uploaded bytes live in PostgreSQL (`uploads` and its ordered `upload_chunks`), not on a local disk: any
 * instance can receive any part of an upload and any instance's worker can import it. They are deleted when the
 * import's pass over them ends, or when the upload is refused or abandoned.
 */

/** Bytes per stored piece: large enough that a 1 GiB file is a few hundred rows, small enough to hold in memory. */
export const PIECE_BYTES = 4 * 1024 * 1024;
/** How long an unfinished upload may wait for its next byte before it is deleted. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the import limit of ${formatBytes(limit)}.`);
  }
}

/** More bytes than the upload declared: the client is out of step with what it announced. */
export class UploadLengthExceededError extends Error {
  constructor(readonly length: number) {
    super(`More bytes arrived than the ${formatBytes(length)} the upload announced. Start the upload again.`);
  }
}

/** The piece does not start where the stored bytes end (another request got there first). */
export class UploadOffsetError extends Error {
  constructor() {
    super("This part of the upload does not follow the bytes already received. The upload resumes from there.");
  }
}

/** The request body stopped before its end (a dropped connection); what arrived is kept. */
export class UploadInterruptedError extends Error {
  constructor(readonly received: number) {
    super("The upload was interrupted. Please try again.");
  }
}

export class EmptyUploadError extends Error {
  constructor() {
    super("The file is empty (0 bytes). Choose the CSV export again.");
  }
}

/** The upload an import refers to is gone or incomplete: the import cannot run and must be uploaded again. */
export class UploadMissingError extends Error {
  constructor() {
    super("the uploaded file is no longer stored. Upload the file again.");
  }
}

/** A request's body as the async iterable it is at run time (Node's web streams are async iterable). */
export function bodyOf(request: Request): AsyncIterable<Uint8Array> {
  return (request.body ?? []) as unknown as AsyncIterable<Uint8Array>;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/**
 * Stores a request body from `upload.received` on, in pieces of PIECE_BYTES, refusing it as soon as it passes
 * the upload's declared length or, while that is unknown, `maxBytes` (never after reading it whole). Each piece
 * commits on its own, so when the connection drops what had arrived stays stored and the client resumes from
 * the last byte received. Returns the upload's new byte count.
 */
export async function receiveBytes(
  db: Db,
  upload: { id: string; received: number; length: number | null },
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
): Promise<number> {
  const max = upload.length ?? Math.min(maxBytes, Number.MAX_SAFE_INTEGER);
  let offset = upload.received;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const piece = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    if (!(await appendPiece(db, upload.id, offset, piece, max))) {
      const now = await findUploadById(db, upload.id);
      if (now && now.received === offset) throw tooMany(upload.length, maxBytes);
      throw new UploadOffsetError();
    }
    offset += piece.byteLength;
  };
  const chunks = Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  for (;;) {
    let step: IteratorResult<Uint8Array>;
    try {
      step = await chunks.next();
    } catch {
      // The body failed (the client went away): keep what arrived, so the next request resumes after it.
      await flush().catch(() => undefined);
      throw new UploadInterruptedError(offset);
    }
    if (step.done) break;
    const chunk = step.value;
    if (offset + pendingBytes + chunk.byteLength > max) {
      await flush();
      await drain(chunks);
      throw tooMany(upload.length, maxBytes);
    }
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    pendingBytes += chunk.byteLength;
    if (pendingBytes >= PIECE_BYTES) await flush();
  }
  await flush();
  return offset;
}

/** How much of a refused body is read and thrown away, at most, so that the client gets to read the 413. */
const DRAIN_BYTES = 16 * 1024 * 1024;
const DRAIN_MS = 10_000;

/**
 * Reads and discards the rest of a refused body, up to 16 MB or 10 s. A client that is still sending when the
 * answer comes would otherwise see its connection reset instead of the 413 (a server that closes a connection
 * with unread bytes sends a reset, and the client may lose the answer with it). Beyond that, the connection is
 * given up.
 */
async function drain(chunks: Iterator<Uint8Array> | AsyncIterator<Uint8Array>): Promise<void> {
  const deadline = Date.now() + DRAIN_MS;
  let bytes = 0;
  try {
    while (bytes < DRAIN_BYTES && Date.now() < deadline) {
      const step = await Promise.race([
        chunks.next(),
        new Promise<IteratorResult<Uint8Array>>((resolve) =>
          setTimeout(() => resolve({ done: true, value: undefined }), Math.max(0, deadline - Date.now())).unref(),
        ),
      ]);
      if (step.done) return;
      bytes += step.value.byteLength;
    }
  } catch {
    /* the client went away: nothing to answer */
  }
}

/** Discards the rest of a body refused before it was read (a declared size over the limit); see drain. */
export async function drainBody(body: AsyncIterable<Uint8Array> | null): Promise<void> {
  if (body) await drain(body[Symbol.asyncIterator]());
}

function tooMany(length: number | null, maxBytes: number): Error {
  return length === null ? new UploadTooLargeError(maxBytes) : new UploadLengthExceededError(length);
}

/**
 * Receives a whole file in one body into a new upload (a single request, or a file the server already has:
 * seeding, benchmarks, tests). The upload's declared length, when it has one, must be met exactly. Nothing is
 * left behind on failure.
 */
export async function receiveWholeBody(
  db: Db,
  upload: { id: string; received: number; length: number | null },
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array> | null,
  maxBytes: number,
): Promise<number> {
  try {
    const bytes = body ? await receiveBytes(db, upload, body, maxBytes) : 0;
    if (bytes === 0) throw new EmptyUploadError();
    if (upload.length !== null && bytes !== upload.length) throw new UploadInterruptedError(bytes);
    await closeUploadLength(db, upload.id);
    return bytes;
  } catch (err) {
    await deleteUpload(db, upload.id);
    throw err;
  }
}

/** Stores a whole file as a new upload; the caller makes the import of it. */
export async function saveUpload(
  db: Db,
  target: Omit<NewUpload, "length">,
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
): Promise<{ id: string; bytes: number }> {
  const upload = await insertUpload(db, { ...target, length: null });
  return { id: upload.id, bytes: await receiveWholeBody(db, upload, body, maxBytes) };
}

/** Removes an upload and its bytes. Never throws: what it cannot delete now, pruneStoredUploads deletes later. */
export async function removeUpload(db: Db, uploadId: string | null | undefined): Promise<void> {
  if (!uploadId) return;
  try {
    await deleteUpload(db, uploadId);
  } catch (err) {
    console.error(
      `Could not delete upload ${uploadId} (${err instanceof Error ? err.name : "error"}); it is pruned later.`,
    );
  }
}

let lastPrune = 0;
/** At most every ten minutes per process: deletes abandoned uploads and those an ended import left behind. */
export function pruneStoredUploads(db: Db): void {
  if (Date.now() - lastPrune < 10 * 60 * 1000) return;
  lastPrune = Date.now();
  pruneUploads(db, ABANDONED_AFTER_MS).catch((err) =>
    console.error(`Pruning uploads failed (${err instanceof Error ? err.name : "error"}).`),
  );
}

const YIELD_BYTES = 256 * 1024;

/**
 * Reads a stored upload in order, reporting progress (bytes read) between chunks of 256 KB. The callback is
 * awaited between chunks, which is also where a caller may flush buffered rows to the database. Inside an
 * import's transaction pass it as `tx`: on PostgreSQL the pieces are still read through the pool (the
 * transaction's connection is busy with COPY), on PGlite through the transaction (its only connection).
 * Throws UploadMissingError when the upload is gone or incomplete.
 */
export async function* readUpload(
  source: { db: Db; tx?: Db },
  uploadId: string,
  onChunk?: (bytesRead: number) => Promise<void>,
): AsyncGenerator<Uint8Array> {
  const postgres = driverOf(source.db) === "postgres";
  const reader = postgres ? source.db : (source.tx ?? source.db);
  const upload = await findUploadById(reader, uploadId);
  if (!upload || upload.length === null || upload.received !== upload.length) throw new UploadMissingError();
  let offset = 0;
  let prefetched: Promise<Uint8Array | null> | null = null;
  while (offset < upload.length) {
    const piece = await (prefetched ?? readPiece(reader, uploadId, offset));
    prefetched = null;
    if (!piece || piece.byteLength === 0) throw new UploadMissingError();
    const end = offset + piece.byteLength;
    // On PostgreSQL the next piece is fetched while this one is parsed (PGlite has one connection: no point).
    if (postgres && end < upload.length) {
      prefetched = readPiece(reader, uploadId, end);
      prefetched.catch(() => undefined); // awaited above; a reader that stops early must not leave it unhandled
    }
    for (let at = 0; at < piece.byteLength; at += YIELD_BYTES) {
      if (onChunk) await onChunk(offset + at);
      yield piece.subarray(at, Math.min(at + YIELD_BYTES, piece.byteLength));
    }
    offset = end;
  }
  if (offset !== upload.length) throw new UploadMissingError();
  if (onChunk) await onChunk(offset);
}
