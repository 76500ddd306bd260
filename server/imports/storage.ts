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
 * the last byte received. One piece is written while the next arrives (at most one write in flight, so at most
 * two pieces are held). Returns the upload's new byte count.
 */
export async function receiveBytes(
  db: Db,
  upload: { id: string; received: number; length: number | null },
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
): Promise<number> {
  const max = upload.length ?? Math.min(maxBytes, Number.MAX_SAFE_INTEGER);
  /** Bytes committed; `queued` also counts the piece being written. */
  let stored = upload.received;
  let queued = upload.received;
  let writing: Promise<void> | null = null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const store = async (at: number, piece: Buffer) => {
    if (!(await appendPiece(db, upload.id, at, piece, max))) {
      const now = await findUploadById(db, upload.id);
      if (now && now.received === at) throw tooMany(upload.length, maxBytes);
      throw new UploadOffsetError();
    }
    stored = at + piece.byteLength;
  };
  /** Waits for the piece being written; its failure is this call's. */
  const settle = async () => {
    const w = writing;
    writing = null;
    if (w) await w;
  };
  /** Starts writing what is pending once the previous piece is stored. */
  const send = async () => {
    await settle();
    if (pendingBytes === 0) return;
    const piece = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const at = queued;
    queued += piece.byteLength;
    writing = store(at, piece);
    writing.catch(() => undefined); // awaited by the next settle
  };
  const flush = async () => {
    await send();
    await settle();
  };
  const chunks = Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  for (;;) {
    let step: IteratorResult<Uint8Array>;
    try {
      step = await chunks.next();
    } catch {
      // The body failed (the client went away): keep what arrived, so the next request resumes after it.
      await flush().catch(() => undefined);
      throw new UploadInterruptedError(stored);
    }
    if (step.done) break;
    const chunk = step.value;
    if (queued + pendingBytes + chunk.byteLength > max) {
      await flush();
      await drain(chunks);
      throw tooMany(upload.length, maxBytes);
    }
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    pendingBytes += chunk.byteLength;
    if (pendingBytes >= PIECE_BYTES) await send();
  }
  await flush();
  return stored;
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

/** Whether every byte of the upload has arrived (unknown counts as not). */
export async function uploadIsComplete(db: Db, uploadId: string): Promise<boolean> {
  const upload = await findUploadById(db, uploadId);
  return upload !== undefined && upload !== null && upload.length !== null && upload.received >= upload.length;
}

/**
 * Removes an upload an import's pass has ended with, if it is whole. One still arriving (its import began early
 * and ended before the file did, e.g. refused at an early line) is left to the upload route, which answers its
 * next request with the import and deletes it, or else to pruneStoredUploads. Never throws.
 */
export async function removeWholeUpload(db: Db, uploadId: string | null | undefined): Promise<void> {
  if (!uploadId) return;
  try {
    const upload = await findUploadById(db, uploadId);
    if (upload && upload.length !== null && upload.received < upload.length) return;
  } catch {
    // Unknown: deleting is the safe side (the import's pass is over either way).
  }
  await removeUpload(db, uploadId);
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
/** An upload still arriving is waited for this long without a new byte before its import gives way. */
export const STALL_MS = 30_000;
/** How often a piece not yet stored is asked for again: at first soon, then less often. */
const FOLLOW_POLL_MS = [10, 25, 50, 100, 200];

/**
 * The upload an import follows stopped arriving (no byte for STALL_MS): the import gives way and starts again
 * when the last byte arrives.
 */
export class UploadStalledError extends Error {
  constructor() {
    super("the upload stopped arriving");
  }
}

/**
 * Reads a stored upload in order, reporting progress (bytes read) between chunks of 256 KB. The callback is
 * awaited between chunks, which is also where a caller may flush buffered rows to the database. Inside an
 * import's transaction pass it as `tx`: on PostgreSQL the pieces are still read through the pool (the
 * transaction's connection is busy with COPY), on PGlite through the transaction (its only connection).
 * With `follow` (PostgreSQL only: an import begun while its file is still arriving), pieces not stored yet are
 * waited for as they land, so reading and checking the file overlap its upload; UploadStalledError when none
 * lands for STALL_MS. Throws UploadMissingError when the upload is gone or (not following) incomplete.
 */
export async function* readUpload(
  source: { db: Db; tx?: Db; follow?: boolean; stallMs?: number },
  uploadId: string,
  onChunk?: (bytesRead: number) => Promise<void>,
): AsyncGenerator<Uint8Array> {
  const postgres = driverOf(source.db) === "postgres";
  const reader = postgres ? source.db : (source.tx ?? source.db);
  const follow = postgres && source.follow === true;
  const upload = await findUploadById(reader, uploadId);
  if (!upload || upload.length === null) throw new UploadMissingError();
  if (!follow && upload.received !== upload.length) throw new UploadMissingError();
  const length = upload.length;
  const stallMs = source.stallMs ?? STALL_MS;
  let stopped = false;
  const piece = async (offset: number): Promise<Uint8Array> => {
    const found = await readPiece(reader, uploadId, offset);
    if (found && found.byteLength > 0) return found;
    if (!follow) throw new UploadMissingError();
    // Not stored yet: wait for it, checking now and then that the upload is still there. The next piece is stored
    // once PIECE_BYTES have arrived, so an upload slower than that per STALL_MS counts as stalled: its import
    // then runs after its last byte, as it would without following.
    const since = Date.now();
    for (let i = 0; ; i++) {
      await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS[Math.min(i, FOLLOW_POLL_MS.length - 1)]));
      // The reader stopped early (a preview has its first bytes): no one waits for this piece any more.
      if (stopped) throw new UploadMissingError();
      const next = await readPiece(reader, uploadId, offset);
      if (next && next.byteLength > 0) return next;
      if (i % 10 === 9) {
        const now = await findUploadById(reader, uploadId);
        if (!now || now.length === null) throw new UploadMissingError();
        // Complete, yet this piece is missing: the stored bytes are not whole.
        if (now.received === now.length || now.received > offset) {
          const last = await readPiece(reader, uploadId, offset);
          if (last && last.byteLength > 0) return last;
          throw new UploadMissingError();
        }
      }
      if (Date.now() - since > stallMs) throw new UploadStalledError();
    }
  };
  let offset = 0;
  let prefetched: Promise<Uint8Array> | null = null;
  try {
    while (offset < length) {
      const data = await (prefetched ?? piece(offset));
      prefetched = null;
      const end = offset + data.byteLength;
      // On PostgreSQL the next piece is fetched while this one is parsed (PGlite has one connection: no point).
      if (postgres && end < length) {
        prefetched = piece(end);
        prefetched.catch(() => undefined); // awaited above; a reader that stops early must not leave it unhandled
      }
      for (let at = 0; at < data.byteLength; at += YIELD_BYTES) {
        if (onChunk) await onChunk(offset + at);
        yield data.subarray(at, Math.min(at + YIELD_BYTES, data.byteLength));
      }
      offset = end;
    }
  } finally {
    stopped = true;
  }
  if (offset !== length) throw new UploadMissingError();
  if (onChunk) await onChunk(offset);
}
