import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "../auth-secret";

/**
 * Webhook signing secrets at rest (issue 15): AES-256-GCM under a key derived (HKDF-SHA256) from AUTH_SECRET,
 * which every instance already shares and production already requires, so no further setting is needed. A
 * database dump alone does not reveal the secrets. Changing AUTH_SECRET makes the stored secrets unreadable:
 * deliveries then fail saying so, and an admin generates a new secret (docs/decisions.md).
 */
const VERSION = "v1";

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "pcp-webhook-secret", "webhook signing secret", 32));
}

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export class SecretUnreadableError extends Error {
  constructor() {
    super("the webhook's signing secret cannot be read (AUTH_SECRET changed?): generate a new secret in Settings");
  }
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SecretUnreadableError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadableError();
  }
}

/** A new signing secret, shown to the admin once. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
