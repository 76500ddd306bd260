/**
 * Opaque paging cursors for the REST API (issue 16). A cursor carries the position of the next page and a
 * fingerprint of the query it was made for, base64url-encoded JSON: clients must treat it as opaque (the format
 * may change), and a cursor replayed with other filters is refused rather than silently paging another list.
 */
import crypto from "node:crypto";
import { z } from "zod";

const cursorSchema = z.object({ o: z.number().int().min(0).max(1e9), q: z.string().max(16) });
export type Cursor = { offset: number; query: string };

/** A short fingerprint of the query a list was asked with (filters and sort, never the cursor or limit). */
export function queryFingerprint(query: Record<string, unknown>): string {
  const stable = JSON.stringify(
    Object.keys(query)
      .sort()
      .map((k) => [k, query[k]]),
  );
  return crypto.createHash("sha256").update(stable).digest("base64url").slice(0, 12);
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ o: cursor.offset, q: cursor.query }), "utf8").toString("base64url");
}

/** The cursor, or null when it is malformed or was made for another query. */
export function decodeCursor(text: string, query: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success || parsed.data.q !== query) return null;
  return { offset: parsed.data.o, query: parsed.data.q };
}
