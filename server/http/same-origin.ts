/**
 * Cross-site request checks for route handlers (and proxy.ts), so that every request that changes something is
 * held to what Next already enforces for server actions: the browser's `Origin` must be this site's own origin.
 * Fetch Metadata (`Sec-Fetch-Site`, sent by every current browser) is checked too, and more strictly: a page on
 * another port or subdomain of the same site is `same-site`, not `same-origin`, and is refused.
 *
 * A request with neither header did not come from a current browser on another site (browsers send `Origin` on
 * every POST), so it is let through to the usual session and role checks, as Next does for server actions.
 */
import { pageText } from "./responses";

type HeaderSource = { get(name: string): string | null };

/** The host (name and port) the request was sent to, as Next's server-action check sees it. */
function requestHost(headers: HeaderSource): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || headers.get("host")?.trim() || null)?.toLowerCase() ?? null;
}

/** Hosts this portal answers as: the request's own, and the configured public URL's. */
function ownHosts(headers: HeaderSource): Set<string> {
  const hosts = new Set<string>();
  const own = requestHost(headers);
  if (own) hosts.add(own);
  const configured = process.env.AUTH_URL;
  if (configured) {
    try {
      hosts.add(new URL(configured).host.toLowerCase());
    } catch {
      /* a malformed AUTH_URL stops start-up elsewhere */
    }
  }
  return hosts;
}

/** Whether a state-changing request comes from this site's own pages (see the module comment). */
export function isSameOriginRequest(headers: HeaderSource): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return false;
  const origin = headers.get("origin");
  if (origin === null) return true;
  // Sandboxed frames and some redirects send the opaque origin "null": never this site.
  if (origin === "null") return false;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  return ownHosts(headers).has(host);
}

/**
 * Whether a read with side effects (a download that is audited) was asked for by this site or by the person
 * directly (a typed address or bookmark: `none`), rather than by a link or an element on another site.
 */
export function isSameSiteNavigation(headers: HeaderSource): boolean {
  const site = headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

const REFUSED = "This request did not come from the portal's own pages, so it was refused.";

/**
 * The one-line entry check of every mutating route handler: a 403 response to return at once, or null to go on.
 *
 *     const refused = refuseCrossOrigin(request); if (refused) return refused;
 */
export function refuseCrossOrigin(request: { headers: HeaderSource }): Response | null {
  return isSameOriginRequest(request.headers) ? null : pageText(403, REFUSED);
}

/** The entry check of audited downloads: refuses one started from another site (a link, an image, a frame). */
export function refuseCrossSiteDownload(request: { headers: HeaderSource }): Response | null {
  return isSameSiteNavigation(request.headers)
    ? null
    : pageText(403, "Downloads start from the portal's own pages. Open the page and use its download link.");
}
