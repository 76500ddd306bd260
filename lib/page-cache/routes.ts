/**
 * Which pages the rendered-page cache may serve (server/page-cache). Only read-only review pages whose content is
 * fully determined by the stored data the fingerprint covers (db/queries/page-fingerprint.ts): the dashboard and a
 * snapshot month's page (with its search, filter, sort and page in the query string). Everything else renders
 * per request as before.
 */
const SLUG = "([a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?)";
const PAGES: { name: CachedPageName; pattern: RegExp }[] = [
  { name: "dashboard", pattern: new RegExp(`^/o/${SLUG}$`) },
  { name: "snapshot", pattern: new RegExp(`^/o/${SLUG}/snapshots/(\\d{4}-(?:0[1-9]|1[0-2]))$`) },
];

export type CachedPageName = "dashboard" | "snapshot";

export interface CachedPage {
  name: CachedPageName;
  slug: string;
  /** Path and query string exactly as asked for: part of the cache key. */
  path: string;
}

/** The cacheable page a same-origin path (with optional query string) names, or null. */
export function cachedPageOf(path: string): CachedPage | null {
  if (typeof path !== "string" || !path.startsWith("/") || path.startsWith("//") || path.length > 2048) return null;
  const q = path.indexOf("?");
  const pathname = q === -1 ? path : path.slice(0, q);
  for (const { name, pattern } of PAGES) {
    const m = pattern.exec(pathname);
    if (m) return { name, slug: m[1]!, path };
  }
  return null;
}

/**
 * Whether a request is a browser's full-page load (the only kind cached): a GET without the headers Next's client
 * router sends for React Server Component payloads, prefetches and server actions.
 */
export function isDocumentRequest(method: string, header: (name: string) => string | null): boolean {
  if (method !== "GET") return false;
  return !["rsc", "next-router-prefetch", "next-router-state-tree", "next-action", "next-router-segment-prefetch"].some(
    (h) => header(h) !== null,
  );
}
