// `npm run secrets:reencrypt`: the re-encrypt step of an encryption key rotation. With the new key in
// PCP_ENCRYPTION_KEY and the old one in PCP_ENCRYPTION_KEY_PREVIOUS, every stored Partner Center client secret is
// sealed again with the new key; afterwards PCP_ENCRYPTION_KEY_PREVIOUS can be removed.
import { prepareDatabase } from "../db/startup";
import { ConfigError } from "../lib/env";
import { reencryptSecrets } from "../server/partner-center/secrets";

try {
  const handle = await prepareDatabase();
  const { resealed, unreadable } = await reencryptSecrets(handle.db);
  console.log(`Re-encrypted ${resealed} stored secret(s) with PCP_ENCRYPTION_KEY.`);
  if (unreadable > 0)
    console.log(
      `${unreadable} secret(s) could not be decrypted with the configured keys: their admins must enter the client secret again.`,
    );
  await handle.close();
  process.exit(unreadable > 0 ? 2 : 0);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
}
