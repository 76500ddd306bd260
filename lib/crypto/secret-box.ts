import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets at rest (a Partner Center client secret): AES-256-GCM with a 32-byte key from the environment. Each
 * ciphertext is stored beside the id of the key that made it, so a key can be rotated: the new key encrypts,
 * the previous one still decrypts what it made until everything has been re-encrypted. The "context" (e.g. the
 * organisation's id) is bound as additional authenticated data, so a ciphertext copied to another row does not
 * decrypt there. Pure: the caller supplies the keys.
 */

export type SecretKey = { id: string; key: Buffer };
export type SealedSecret = { keyId: string; ciphertext: string };

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyError extends Error {
  override name = "SecretKeyError";
}

/** The key's id: the first 12 hex digits of its SHA-256, so the stored id reveals nothing of the key. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

/** A key from its base64 text (e.g. `openssl rand -base64 32`): exactly 32 bytes, or an error naming the variable. */
export function parseSecretKey(text: string, variable: string): SecretKey {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, "base64") : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new SecretKeyError(
      `${variable} must be 32 random bytes in base64 (for example the output of \`openssl rand -base64 32\`).`,
    );
  }
  return { id: keyIdOf(key), key };
}

export function sealSecret(plaintext: string, key: SecretKey, context: string): SealedSecret {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { keyId: key.id, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64") };
}

/**
 * The plaintext, with whichever of the keys made it. Throws when no key has that id (the key was rotated away
 * before the secret was re-encrypted) or when the ciphertext, its key id or its context was altered.
 */
export function openSecret(sealed: SealedSecret, keys: readonly SecretKey[], context: string): string {
  const key = keys.find((k) => k.id === sealed.keyId);
  if (!key) throw new SecretKeyError("The key that encrypted this secret is not configured.");
  const raw = Buffer.from(sealed.ciphertext, "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretKeyError("The stored secret is damaged.");
  const decipher = createDecipheriv("aes-256-gcm", key.key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError("The stored secret is damaged or was altered.");
  }
}

/** Whether a sealed secret should be re-encrypted with the current key (it was made by another one). */
export function needsReseal(sealed: SealedSecret, current: SecretKey): boolean {
  return sealed.keyId !== current.id;
}
