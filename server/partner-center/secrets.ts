import type { Db } from "@/db/client";
import { listConnections, updateConnection } from "@/db/queries/partner-center";
import type { PartnerCenterConnection } from "@/db/schema";
import { needsReseal, openSecret, sealSecret, type SealedSecret } from "@/lib/crypto/secret-box";
import { connectorEnv, type ConnectorEnv } from "@/lib/env";
import { ConnectorError } from "./errors";

/** The organisation's id is the ciphertext's context: a secret copied to another organisation's row does not open. */
export function sealClientSecret(env: ConnectorEnv, organizationId: string, secret: string): SealedSecret {
  const key = env.keys[0];
  if (!key) throw new ConnectorError(NO_KEY, "not_configured");
  return sealSecret(secret, key, organizationId);
}

export const NO_KEY =
  "The Partner Center connector is unavailable: no encryption key is configured (PCP_ENCRYPTION_KEY). Ask the portal's administrator.";

export function openClientSecret(env: ConnectorEnv, conn: PartnerCenterConnection): string {
  if (env.keys.length === 0) throw new ConnectorError(NO_KEY, "not_configured");
  try {
    return openSecret({ keyId: conn.secretKeyId, ciphertext: conn.secretCiphertext }, env.keys, conn.organizationId);
  } catch {
    throw new ConnectorError(
      "The stored client secret cannot be decrypted with the configured keys (the encryption key was changed without PCP_ENCRYPTION_KEY_PREVIOUS). Enter the client secret again.",
      "not_configured",
    );
  }
}

/**
 * The re-encrypt step of a key rotation: every secret made by another key than the current one is decrypted
 * (with PCP_ENCRYPTION_KEY_PREVIOUS) and sealed again with PCP_ENCRYPTION_KEY. Returns how many were re-sealed
 * and how many could not be opened (left as they are; their admins must enter the secret again).
 */
export async function reencryptSecrets(
  db: Db,
  env: ConnectorEnv = connectorEnv(),
): Promise<{ resealed: number; unreadable: number }> {
  const current = env.keys[0];
  if (!current) throw new ConnectorError(NO_KEY, "not_configured");
  let resealed = 0;
  let unreadable = 0;
  for (const conn of await listConnections(db)) {
    if (!needsReseal({ keyId: conn.secretKeyId, ciphertext: conn.secretCiphertext }, current)) continue;
    let plaintext: string;
    try {
      plaintext = openClientSecret(env, conn);
    } catch {
      unreadable++;
      continue;
    }
    const sealed = sealClientSecret(env, conn.organizationId, plaintext);
    await updateConnection(db, conn.organizationId, {
      secretCiphertext: sealed.ciphertext,
      secretKeyId: sealed.keyId,
    });
    resealed++;
  }
  return { resealed, unreadable };
}
