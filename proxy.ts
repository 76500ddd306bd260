import { NextResponse, type NextRequest } from "next/server";
import { isDocumentRequest } from "@/lib/page-cache/routes";
import { queryHasControlCharacter, CONTROL_CHARACTER_MESSAGE } from "@/lib/query-params";
import { contentSecurityPolicy, newNonce } from "@/server/http/csp";
import { pageText } from "@/server/http/responses";
import { refuseCrossOrigin } from "@/server/http/same-origin";
import { cachedPageResponse, pageCacheEnabled } from "@/server/page-cache/serve";

/**
 * Runs before every page request (Next 16's "proxy", formerly middleware, on the Node.js runtime). Its jobs:
 *  - gives every response a Content-Security-Policy with a fresh nonce (server/http/csp.ts), and passes the
 *    policy on to Next in the request headers, where Next finds the nonce for its own scripts;
 *  - refuses a query string holding a control character (400; lib/query-params.ts) and a state-changing request
 *    from another origin (403; server/http/same-origin.ts: route handlers check it again themselves);
 *  - tells server components which path was asked for (for sign-in's callbackUrl);
 *  - sends visitors without any session cookie straight to sign-in for the signed-in areas.
 *    Whether a cookie is still valid is decided later, against the database (server/session.ts);
 *  - offers full loads of the dashboard and snapshot pages to the rendered-page cache (server/page-cache), which
 *    checks the session and membership against the database itself and answers only when it holds (or has just
 *    had Next render) the page for exactly this user and data; otherwise the request goes on as usual.
 */
const PATHNAME_HEADER = "x-pcp-pathname";
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const SIGNED_IN_AREAS = [/^\/o(\/|$)/, /^\/account(\/|$)/, /^\/orgs(\/|$)/];

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  const response = await answer(request, nonce, policy);
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

async function answer(request: NextRequest, nonce: string, policy: string): Promise<Response> {
  if (queryHasControlCharacter(request.nextUrl.searchParams)) return pageText(400, CONTROL_CHARACTER_MESSAGE);
  const refused = SAFE_METHODS.has(request.method) ? null : refuseCrossOrigin(request);
  if (refused) return refused;
  const { pathname, search } = request.nextUrl;
  const path = `${pathname}${search}`;
  const hasSession = request.cookies
    .getAll()
    .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));

  if (!hasSession && SIGNED_IN_AREAS.some((re) => re.test(pathname))) {
    // Next 16 reports "localhost" in request URLs: take the origin from the Host the browser used.
    const target = `/sign-in?callbackUrl=${encodeURIComponent(path)}`;
    return NextResponse.redirect(sameOriginUrl(request, target), 307);
  }

  if (
    hasSession &&
    pageCacheEnabled() &&
    isDocumentRequest(request.method, (name) => request.headers.get(name)) &&
    !request.nextUrl.searchParams.has("_rsc")
  ) {
    const cached = await cachedPageResponse({
      path,
      nonce,
      headers: request.headers,
      cookie: (name) => request.cookies.get(name)?.value,
      // Next 16 reports "localhost" with the port it listens on; the loopback address avoids an IPv6 lookup.
      origin: `http://127.0.0.1:${request.nextUrl.port || process.env.PORT || "3000"}`,
    });
    if (cached !== null) return cached;
  }

  const forwarded = new Headers(request.headers);
  forwarded.set(PATHNAME_HEADER, path);
  // Next takes the nonce for its scripts from the request's policy; the layout reads x-nonce for its own.
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", policy);
  return NextResponse.next({ request: { headers: forwarded } });
}

/** Next 16 reports "localhost" in request URLs: build redirects on the Host the browser actually used. */
function sameOriginUrl(request: NextRequest, path: string): URL {
  const host = request.headers.get("host");
  const proto =
    request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || request.nextUrl.protocol.replace(":", "");
  try {
    if (host && /^(https?)$/.test(proto)) return new URL(path, `${proto}://${host}`);
  } catch {
    /* a malformed Host header: fall back to Next's idea of the origin */
  }
  return new URL(path, request.nextUrl.origin);
}

export const config = {
  // Pages only: skip Next's assets, the auth endpoints and other API routes, and the upload routes
  // (/o/<slug>/imports/upload and /o/<slug>/imports/upload/<id>): when the proxy runs, Next buffers the request
  // body for it and cuts it at 10 MB (proxyClientMaxBodySize), and a request without a session would be redirected
  // (307) where the upload's client needs a 401 answer. The routes check the session themselves.
  matcher: [
    "/((?!_next/|api/|o/[^/]+/imports/upload(?:/|$)|favicon.ico|robots.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|map)$).*)",
  ],
};
