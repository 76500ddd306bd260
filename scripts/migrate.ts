// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { prepareDatabase } from "../db/startup";
import { ConfigError } from "../lib/env";

try {
  const handle = await prepareDatabase();
  console.log(`Migrations applied (${handle.driver}).`);
  await handle.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
