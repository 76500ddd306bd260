import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";

/** Uploaded files wait here between upload, validation and import; each is removed when its import ends. */
export function uploadDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.UPLOAD_DIR || ".data/uploads");
}

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the import limit of ${formatBytes(limit)}.`);
  }
}

export class EmptyUploadError extends Error {
  constructor() {
    super("The file is empty (0 bytes). Choose the CSV export again.");
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/**
 * Streams an upload to disk, refusing it as soon as it passes `maxBytes` (never after reading it whole).
 * Nothing is left behind on failure.
 */
export async function saveUpload(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
): Promise<{ path: string; bytes: number }> {
  fs.mkdirSync(uploadDir(), { recursive: true });
  const file = path.join(uploadDir(), `${randomUUID()}.csv`);
  const out = fs.createWriteStream(file);
  let bytes = 0;
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) throw new UploadTooLargeError(maxBytes);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (bytes === 0) throw new EmptyUploadError();
    return { path: file, bytes };
  } catch (err) {
    out.destroy();
    fs.rmSync(file, { force: true });
    throw err;
  }
}

export function removeUpload(file: string | null | undefined): void {
  if (file) fs.rmSync(file, { force: true });
}

/**
 * Reads a stored upload, reporting progress (bytes read) at most once a second. The callback is awaited between
 * chunks, which is also where a caller may flush buffered rows to the database.
 */
export async function* readUpload(
  file: string,
  onChunk?: (bytesRead: number) => Promise<void>,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    if (onChunk) await onChunk(bytes);
    bytes += (chunk as Buffer).byteLength;
    yield chunk as Buffer;
  }
  if (onChunk) await onChunk(bytes);
}
