/**
 * Reduces a callbackUrl to a same-origin path. Next 16 reports `localhost` in request URLs, and an
 * absolute URL from the query string is an open redirect, so only paths are ever followed.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  // Protocol-relative ("//evil"), backslash tricks ("/\evil") and anything not starting with "/" are refused.
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  try {
    const base = "http://same-origin.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
