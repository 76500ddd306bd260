import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every page request (Next 16's "proxy", formerly middleware). Two jobs, no database:
 *  - tells server components which path was asked for (for sign-in's callbackUrl);
 *  - sends visitors without any session cookie straight to sign-in for the signed-in areas.
 *    Whether a cookie is still valid is decided later, against the database (server/session.ts).
 */
const PATHNAME_HEADER = "x-pcp-pathname";
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const SIGNED_IN_AREAS = [/^\/o(\/|$)/, /^\/account(\/|$)/, /^\/orgs(\/|$)/];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = `${pathname}${search}`;
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));

  if (!hasSession && SIGNED_IN_AREAS.some((re) => re.test(pathname))) {
    // A relative Location: Next 16 reports "localhost" as the request host, so never build an absolute URL from it.
    return new NextResponse(null, {
      status: 307,
      headers: { Location: `/sign-in?callbackUrl=${encodeURIComponent(path)}` },
    });
  }

  const forwarded = new Headers(request.headers);
  forwarded.set(PATHNAME_HEADER, path);
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  // Pages only: skip Next's assets, the auth endpoints and other API routes.
  matcher: ["/((?!_next/|api/|favicon.ico|robots.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|map)$).*)"],
};
