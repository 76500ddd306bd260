import { randomBytes } from "node:crypto";

/** Encryption keys for tests of the Partner Center connector (fresh per process, never a real key). */
export const TEST_ENCRYPTION_KEY = randomBytes(32).toString("base64");
export const TEST_PREVIOUS_KEY = randomBytes(32).toString("base64");

/** Makes the connector available to code that reads the environment (the actions, the job handler). */
export function ensureTestEncryptionKey(): void {
  process.env.PCP_ENCRYPTION_KEY ??= TEST_ENCRYPTION_KEY;
}
