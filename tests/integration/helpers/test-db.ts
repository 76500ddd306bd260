import { inject } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";

/**
 * A migrated database for one test file: a fresh in-memory PGlite, or the run's own PostgreSQL
 * database (shared by the files of the run, which execute one after another).
 */
export async function createTestDb(): Promise<DbHandle> {
  const url = inject("testDatabaseUrl");
  const handle = await openDb(url ? { databaseUrl: url } : { pgliteDir: "memory://" });
  await migrateDb(handle);
  return handle;
}

export const testDriver = (): "postgres" | "pglite" => (inject("testDatabaseUrl") ? "postgres" : "pglite");
