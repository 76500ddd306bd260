/**
 * Swapping a kept page's Content-Security-Policy nonce for the one of the response serving it (see serve.ts).
 * Byte positions are found once, when the page is kept; nonces all have one length, so the swap is in place.
 */
import type { StoredPage } from "@/lib/page-cache/store";
import { NONCE_LENGTH } from "../http/csp";

/** Every position of `text` (ASCII) in `body`. */
export function offsetsOf(body: Uint8Array, text: string): number[] {
  const needle = Buffer.from(text, "latin1");
  const haystack = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const offsets: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    offsets.push(at);
  }
  return offsets;
}

/** The kept body with this response's nonce written where the render's was (a copy: the kept page is shared). */
export function withNonce(page: StoredPage, nonce: string): Uint8Array {
  if (nonce.length !== NONCE_LENGTH) throw new Error("A nonce of unexpected length");
  const body = Buffer.from(page.body);
  for (const at of page.nonce?.offsets ?? []) body.write(nonce, at, "latin1");
  return body;
}

/** The kept headers with this response's nonce (Next's preload `Link` header names it). */
export function headersWithNonce(page: StoredPage, nonce: string): Headers {
  const old = page.nonce?.value;
  return new Headers(
    page.headers.map(([name, value]): [string, string] => [name, old ? value.replaceAll(old, nonce) : value]),
  );
}
