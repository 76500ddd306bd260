/**
 * The rendered-page cache. proxy.ts hands it every browser's full load of a cacheable page
 * (lib/page-cache/routes.ts), before Next routes or renders anything:
 *  1. the session cookie is decoded (as Auth.js does) and one query (db/queries/page-fingerprint.ts) checks the
 *     session version and the membership and reads the fingerprint of everything the page shows;
 *  2. the page rendered for (this user, this path, this fingerprint, today) is served from memory; on a miss Next
 *     renders it — a request to this same server, marked so the proxy lets it through — and it is kept.
 * Whenever it is not sure (no or an expired session, a non-member, an answer other than a 200 HTML page) it
 * returns null and Next renders the request as usual.
 * Content-Security-Policy nonces: a kept page holds the nonce of the render that made it. The places where that
 * nonce appears in the body are noted when the page is kept, and every answer from the cache writes the nonce of
 * its own response (proxy.ts) over them, so each response's scripts carry a fresh nonce matching its header, as
 * a page rendered for that response would. A render whose policy has no nonce is not kept. Why: a dashboard or snapshot page costs 40–50 ms of React
 * rendering while its data changes about once a month; serving the same bytes again costs one query and a copy.
 */
import { createHash } from "node:crypto";
import { decode } from "next-auth/jwt";
import { getDb } from "@/db/client";
import { pageFingerprint } from "@/db/queries/page-fingerprint";
import { cachedPageOf } from "@/lib/page-cache/routes";
import { PageStore, type StoredPage } from "@/lib/page-cache/store";
import { authSecret } from "../auth-secret";
import { NONCE_LENGTH, nonceOf } from "../http/csp";
import { headersWithNonce, offsetsOf, withNonce } from "./nonce";
import { PAGE_RENDER_HEADER } from "./headers";

const KEPT_HEADERS = ["content-type", "cache-control", "link"];

/** One store per process (globalThis: the proxy's module instance and the app's may differ). */
function store(): PageStore {
  const g = globalThis as unknown as { [key: symbol]: PageStore | undefined };
  return (g[Symbol.for("pcp.pageStore")] ??= new PageStore(configuredMegabytes() * 1024 * 1024));
}

function configuredMegabytes(): number {
  const mb = Number(process.env.PCP_PAGE_CACHE_MB ?? 64);
  return Number.isFinite(mb) && mb > 0 ? mb : 64;
}

/** Whether the cache runs: in production, on PostgreSQL (PGlite allows one handle per data folder), unless turned off. */
export function pageCacheEnabled(): boolean {
  return (
    process.env.NODE_ENV === "production" && Boolean(process.env.DATABASE_URL) && process.env.PCP_PAGE_CACHE !== "off"
  );
}

export interface PageRequest {
  /** Path and query string. */
  path: string;
  headers: Headers;
  cookie(name: string): string | undefined;
  /** Where this server listens, for rendering a page on a miss. */
  origin: string;
  /** This response's Content-Security-Policy nonce (proxy.ts), written into the page served. */
  nonce: string;
}

export async function cachedPageResponse(request: PageRequest): Promise<Response | null> {
  if (request.headers.get(PAGE_RENDER_HEADER) !== null) return null;
  const page = cachedPageOf(request.path);
  if (page === null) return null;
  const session = await sessionOf(request);
  if (session === null) return null;
  const fingerprint = await pageFingerprint(await getDb(), session, page.slug);
  if (fingerprint === null) return null;

  const key = createHash("sha256")
    .update(JSON.stringify([request.path, session.userId, new Date().toISOString().slice(0, 10), fingerprint]))
    .digest("base64url");
  try {
    const { page: stored, hit } = await store().getOrRender(key, async () => keepable(await render(request)));
    return stored === null ? null : respond(stored, hit, request.nonce);
  } catch (err) {
    // This server could not be reached at its own address (PCP_PAGE_CACHE_ORIGIN sets it): render as usual.
    console.error(`Page cache: rendering ${request.path} for the cache failed: ${(err as Error).message}`);
    return null;
  }
}

type Session = { userId: string; sessionVersion: number; sessionId: string; expiresAt: number };

/**
 * The Auth.js session cookie's claims, decrypted and checked (integrity, expiry) as Auth.js does; null if absent
 * or bad. A token's decrypted claims never change, so they are remembered per token (decrypting costs more than
 * the rest of a cached answer); its expiry is checked on every use.
 */
async function sessionOf(request: PageRequest): Promise<Session | null> {
  const name = process.env.NODE_ENV === "production" ? "__Secure-authjs.session-token" : "authjs.session-token";
  const token = request.cookie(name);
  if (!token) return null; // absent, or split into chunks: Next handles those as usual
  const g = globalThis as unknown as { [key: symbol]: Map<string, Session> | undefined };
  const known = (g[Symbol.for("pcp.pageCacheSessions")] ??= new Map());
  let session = known.get(token);
  if (session === undefined) {
    try {
      const claims = (await decode({ token, secret: authSecret(), salt: name })) as {
        uid?: unknown;
        sv?: unknown;
        sid?: unknown;
        exp?: unknown;
      } | null;
      if (
        !claims ||
        typeof claims.uid !== "string" ||
        typeof claims.sv !== "number" ||
        typeof claims.sid !== "string" ||
        typeof claims.exp !== "number"
      )
        return null;
      // The session record (sid) is checked by the fingerprint query on every use: ended, idle or expired → no cache.
      session = { userId: claims.uid, sessionVersion: claims.sv, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
    } catch {
      return null;
    }
    if (known.size >= 10_000) known.clear();
    known.set(token, session);
  }
  return session.expiresAt > Date.now() ? session : null;
}

/** Next's own rendering of the page, asked of this same server with the user's cookies, marked to skip the cache. */
async function render(request: PageRequest): Promise<Response> {
  const headers = new Headers({ [PAGE_RENDER_HEADER]: "1", "accept-encoding": "identity" });
  for (const name of ["cookie", "user-agent", "accept-language", "accept"]) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return fetch(new URL(request.path, process.env.PCP_PAGE_CACHE_ORIGIN || request.origin), {
    headers,
    redirect: "manual",
    cache: "no-store",
  });
}

/** A complete, successful HTML page that sets no cookie and was rendered under a nonce is kept; nothing else. */
async function keepable(res: Response): Promise<StoredPage | null> {
  const nonce = nonceOf(res.headers.get("content-security-policy"));
  if (
    res.status !== 200 ||
    !(res.headers.get("content-type") ?? "").startsWith("text/html") ||
    res.headers.has("set-cookie") ||
    nonce === null ||
    nonce.length !== NONCE_LENGTH
  ) {
    // Not awaited: awaiting the cancel of a 404's body (a page that answers "not found" from its layout) held the
    // visitor's request for many seconds.
    void res.body?.cancel().catch(() => undefined);
    return null;
  }
  const body = new Uint8Array(await res.arrayBuffer());
  const headers = KEPT_HEADERS.flatMap((name): [string, string][] => {
    const value = res.headers.get(name);
    return value === null ? [] : [[name, value]];
  });
  return { status: 200, headers, body, nonce: { value: nonce, offsets: offsetsOf(body, nonce) } };
}

function respond(page: StoredPage, hit: boolean, nonce: string): Response {
  const headers = headersWithNonce(page, nonce);
  headers.set("x-pcp-page-cache", hit ? "hit" : "miss");
  // Stored uncompressed: Next's response compression gzips it for browsers that ask, as it does every page (a
  // Content-Encoding set here would not survive the proxy's response handling).
  // A known length lets the body go out in one write instead of chunked encoding.
  headers.set("content-length", String(page.body.byteLength));
  return new Response(withNonce(page, nonce) as Uint8Array<ArrayBuffer>, { status: page.status, headers });
}
