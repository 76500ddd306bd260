/**
 * The Content-Security-Policy of every page, with a fresh nonce per response (proxy.ts sets it on the request,
 * where Next reads the nonce for its own scripts, and on the response). No 'unsafe-inline' for scripts: only
 * scripts carrying this response's nonce run, and what they load ('strict-dynamic'), so markup injected into a
 * page cannot run script. Styles keep 'unsafe-inline': React and the chart library set style attributes, which a
 * nonce cannot cover, and a style cannot run script.
 */
const NONCE_BYTES = 16;

/** 16 random bytes in base64: always 24 characters, so the page cache can swap one nonce for another in place. */
export function newNonce(): string {
  const bytes = new Uint8Array(NONCE_BYTES);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export const NONCE_LENGTH = 24;

export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    // The development server evaluates modules with eval() and reloads over a websocket.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in with Microsoft posts to Entra ID's login page.
    "form-action 'self' https://login.microsoftonline.com",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The nonce a policy written by `contentSecurityPolicy` carries, or null. */
export function nonceOf(policy: string | null): string | null {
  return /'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(policy ?? "")?.[1] ?? null;
}
