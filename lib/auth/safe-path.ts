/**
 * THE return-URL check: every path that redirects after sign-in (the sign-in page and action, /signed-in, the
 * Microsoft sign-in, the second-factor step, requireUser's way back) reduces `callbackUrl` with this and nothing else.
 *
 * Only same-origin **paths** are followed, never absolute URLs (Next 16 reports `localhost` in request URLs, so an
 * origin comparison with the request would be meaningless). The value is checked before and after the WHATWG URL
 * parser normalises it, because normalising turns harmless-looking input into a protocol-relative URL:
 * `/.//evil`, `/%2e//evil` and `/a/..//evil` all become `//evil`, which a browser sends to another host.
 */
const BASE = "http://same-origin.invalid";

export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!isLocalPath(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.username !== "" || url.password !== "") return fallback;
  const out = `${url.pathname}${url.search}${url.hash}`;
  return isLocalPath(out) && !encodedSeparatorInPath(url.pathname) ? out : fallback;
}

/**
 * Starts with exactly one "/", no backslash anywhere (browsers read "\" as "/" in URLs), and no control character
 * (browsers drop tabs and newlines, so "/\t/evil" would become "//evil").
 */
function isLocalPath(p: string): boolean {
  return p.startsWith("/") && !p.startsWith("//") && !p.includes("\\") && !/[\u0000-\u001f\u007f]/.test(p);
}

/**
 * An encoded slash, backslash or control character in the path (e.g. "/%2f%2fevil", "/%5cevil"): no page of the
 * portal has one, and a proxy or a later decoding step could turn it into a separator.
 */
function encodedSeparatorInPath(pathname: string): boolean {
  return /%(2f|5c|0[0-9a-f]|1[0-9a-f]|7f)/i.test(pathname);
}
