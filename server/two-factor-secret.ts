import crypto from "node:crypto";
import { authSecret } from "./auth-secret";

/**
 * TOTP secrets are stored encrypted (AES-256-GCM) with a key derived from AUTH_SECRET by HKDF, so a copy of the
 * database alone (a backup, a read-only SQL injection) does not hand out anyone's authenticator. Changing
 * AUTH_SECRET therefore makes enrolled authenticators unusable: people then sign in with a recovery code and
 * enrol again (docs/auth.md).
 */
const VERSION = "v1";

function key(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", secret, "pcp.two-factor", "totp-secret-v1", 32));
}

export function encryptTotpSecret(plain: string, secret: string = authSecret()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The plain secret, or null when the value was not encrypted with this AUTH_SECRET (or was altered). */
export function decryptTotpSecret(stored: string, secret: string = authSecret()): string | null {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
