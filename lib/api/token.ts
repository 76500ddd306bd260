/**
 * Organisation API tokens (issue 16): `pcp_` followed by 256 random bits in base64url (43 characters). The prefix
 * lets secret scanners and people recognise a leaked token; only the SHA-256 of the whole token is stored. A
 * plain hash (not argon2) is enough because the token is random, not chosen by a person: there is nothing to
 * guess, and a slow hash on every API request would cost time without adding safety (docs/decisions.md).
 */
import crypto from "node:crypto";

export const API_TOKEN_PREFIX = "pcp_";
const TOKEN_PATTERN = /^pcp_[A-Za-z0-9_-]{43}$/;
/** How much of a token the list shows so admins can tell tokens apart: the prefix and 6 characters. */
const HINT_LENGTH = API_TOKEN_PREFIX.length + 6;

export function newApiToken(): { token: string; tokenHash: string; hint: string } {
  const token = API_TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashApiToken(token), hint: apiTokenHint(token) };
}

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export function apiTokenHint(token: string): string {
  return `${token.slice(0, HINT_LENGTH)}…`;
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/**
 * The token of an `Authorization: Bearer …` header (RFC 6750: the scheme is case-insensitive), or null when the
 * header is absent or uses another scheme. A Bearer header whose value is not shaped like a token gives "" so the
 * caller answers 401 without a database look-up.
 */
export function bearerToken(header: string | null): string | null {
  if (header === null) return null;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return /^\s*bearer\b/i.test(header) ? "" : null;
  return looksLikeApiToken(match[1]!) ? match[1]! : "";
}

/** The roles a token may have: never admin, so a leaked token cannot manage members, settings or tokens. */
export const API_TOKEN_ROLES = ["viewer", "analyst"] as const;
export type ApiTokenRole = (typeof API_TOKEN_ROLES)[number];

export type ApiTokenState = "active" | "revoked" | "expired";

export function apiTokenState(t: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiTokenState {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && t.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}
