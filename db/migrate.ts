import path from "node:path";
import { sql } from "drizzle-orm";
import type { DbHandle } from "./client";

const migrationsFolder = path.resolve(process.cwd(), "db/migrations");
// Any constant works; it only has to be the same for every instance of the portal.
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies pending migrations. Two instances starting together on one PostgreSQL serialise on an
 * advisory lock, so the second finds nothing left to do instead of racing the first.
 */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
    return;
  }
  // A dedicated connection: the advisory lock belongs to the session that took it.
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = (handle.db as unknown as { $client: import("pg").Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

export async function pingDb(handle: DbHandle): Promise<number> {
  const started = performance.now();
  await handle.db.execute(sql`select 1`);
  return performance.now() - started;
}
