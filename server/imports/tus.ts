import { NextResponse } from "next/server";

/**
 * The parts of the tus 1.0 resumable upload protocol (https://tus.io/protocols/resumable-upload) the upload routes
 * speak: core (HEAD, PATCH with Upload-Offset) and creation (POST with Upload-Length and Upload-Metadata). The
 * browser's client is tus-js-client. Every refusal has a JSON body `{ error }` that the page shows as it is.
 */
export const TUS_VERSION = "1.0.0";
/** Set on the response that completes an upload (and on HEAD once it is complete): the import it became. */
export const IMPORT_ID_HEADER = "Pcp-Import-Id";
export const OFFSET_CONTENT_TYPE = "application/offset+octet-stream";

export function tusHeaders(extra: Record<string, string> = {}): Headers {
  const h = new Headers({ "Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store", ...extra });
  return h;
}

export function jsonError(status: number, error: string, extra: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error }, { status, headers: tusHeaders(extra) });
}

/** How an action's refusal is answered here (server/http/action-refusal.ts): `{ error }` JSON with tus headers. */
export const TUS_REFUSAL = { json: true, headers: tusHeaders() } as const;

/** A header holding a non-negative integer (Upload-Length, Upload-Offset), or null when absent or malformed. */
export function integerHeader(value: string | null): number | null {
  if (value === null || !/^\d{1,16}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : null;
}

/** Upload-Metadata: comma-separated `key base64(value)` pairs. */
export function parseMetadata(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? "").split(",")) {
    const [key, value] = pair.trim().split(/\s+/, 2);
    if (!key) continue;
    out[key] = value ? Buffer.from(value, "base64").toString("utf8") : "";
  }
  return out;
}
