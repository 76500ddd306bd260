/**
 * Which pages the rendered-page cache may serve (server/page-cache). Only read-only review pages whose content is
 * fully determined by the stored data the fingerprint covers (db/queries/page-fingerprint.ts): the dashboard and a
 * snapshot month's page (with its search, filter, sort and page in the query string). Everything else renders
 * per request as before. A slug and a month are what lib/slug.ts and lib/scoring/months.ts say they are, so the
 * cache never serves a path the app itself would not route.
 */
import { isMonth } from "../scoring/months";
import { isSlug } from "../slug";

const PAGES: { name: CachedPageName; pattern: RegExp; valid: (m: RegExpExecArray) => boolean }[] = [
  { name: "dashboard", pattern: /^\/o\/([^/]+)$/, valid: (m) => isSlug(m[1]!) },
  { name: "snapshot", pattern: /^\/o\/([^/]+)\/snapshots\/([^/]+)$/, valid: (m) => isSlug(m[1]!) && isMonth(m[2]!) },
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
  for (const { name, pattern, valid } of PAGES) {
    const m = pattern.exec(pathname);
    if (m && valid(m)) return { name, slug: m[1]!, path };
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
