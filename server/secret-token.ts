import crypto from "node:crypto";

/**
 * 256 random bits, URL-safe, for links mailed to a person (invitations, e-mail verification, password reset).
 * Only the SHA-256 is stored, so a database leak yields no usable link; a plain hash suffices because the
 * token itself is random, not a password.
 */
export function newSecretToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeSecretToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
