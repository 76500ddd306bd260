import { ConfigError, serverEnv } from "@/lib/env";
import { getDbHandle, type DbHandle } from "./client";
import { migrateAsOwner, migrateDb, pingDb } from "./migrate";

/** Drizzle wraps driver errors ("Failed query: …"); the driver's own message is the useful one. */
function rootCauseMessage(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause) e = e.cause;
  const message = e instanceof Error ? e.message : String(e);
  return message.split("\n")[0]!.trim() || "unknown error";
}

/** Describes a connection failure as one sentence naming the variable to fix. */
export function describeConnectionError(err: unknown, databaseUrl: string | undefined): string {
  const reason = rootCauseMessage(err);
  if (!databaseUrl) {
    return `Cannot open the embedded database in PGLITE_DIR (${process.env.PGLITE_DIR ?? ".data/pglite"}): ${reason}. Another process may be using that folder; stop it or set PGLITE_DIR to another folder.`;
  }
  let where = "the server in DATABASE_URL";
  try {
    const u = new URL(databaseUrl);
    where = `${u.hostname}:${u.port || "5432"} (DATABASE_URL)`;
  } catch {
    /* keep the generic wording */
  }
  return `Cannot reach the database at ${where}: ${reason}. Check that PostgreSQL is running and DATABASE_URL is correct, or unset DATABASE_URL to use the embedded database.`;
}

/**
 * Validates configuration, connects and migrates; throws ConfigError with a readable sentence. With
 * MIGRATION_DATABASE_URL the migrations run as that (owner) role and the app's own role gets its grants
 * (db/migrate.ts); without it one role does both, as in development and on PGlite.
 */
export async function prepareDatabase(): Promise<DbHandle> {
  const env = serverEnv();
  let handle: DbHandle;
  try {
    handle = await getDbHandle();
    await pingDb(handle);
  } catch (err) {
    throw new ConfigError(describeConnectionError(err, env.DATABASE_URL));
  }
  if (env.MIGRATION_DATABASE_URL) {
    let problem: string | null;
    try {
      problem = await migrateAsOwner(handle, env.MIGRATION_DATABASE_URL);
    } catch (err) {
      const reason = rootCauseMessage(err);
      throw new ConfigError(`Cannot migrate as the owner role in MIGRATION_DATABASE_URL: ${reason}.`);
    }
    if (problem) throw new ConfigError(problem);
  } else {
    await migrateDb(handle);
  }
  return handle;
}
