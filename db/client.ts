import path from "node:path";
import fs from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type pg from "pg";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import * as schema from "./schema";
import { registerPglite, registerPostgres, type Driver } from "./driver";

export { driverOf } from "./driver";

/**
 * The one place that decides which PostgreSQL the portal talks to: a server when DATABASE_URL is set,
 * otherwise embedded PGlite under PGLITE_DIR. Everything else sees only `Db`; what differs between the two
 * drivers is asked of db/driver.ts.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbHandle = { db: Db; driver: Driver; close: () => Promise<void> };

/**
 * A handle over a node-postgres pool the caller made (the end-to-end tests' own small pool), known to db/driver.ts
 * like openDb's. The pool must not have opened a connection yet.
 */
export function postgresDb(pool: pg.Pool): Db {
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  registerPostgres(db, pool);
  return db;
}

export type DbTarget = { databaseUrl?: string; pgliteDir?: string };

export async function openDb(target: DbTarget): Promise<DbHandle> {
  if (target.databaseUrl) {
    const { Pool } = (await import("pg")).default;
    const pool = new Pool({ connectionString: target.databaseUrl, max: Number(process.env.DB_POOL_MAX ?? 10) });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on("error", (err) => console.error(`Database connection error: ${err.message}`));
    const db = postgresDb(pool);
    return { db, driver: "postgres", close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = target.pgliteDir ?? ".data/pglite";
  const dataDir = dir.startsWith("memory://") ? dir : path.resolve(/*turbopackIgnore: true*/ dir);
  if (!dataDir.startsWith("memory://")) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema }) as unknown as Db;
  registerPglite(db, client);
  return { db, driver: "pglite", close: () => client.close() };
}

type GlobalWithDb = typeof globalThis & { __pcpDb?: Promise<DbHandle> };

/** The process-wide handle, kept on globalThis so dev-server reloads do not open PGlite twice. */
export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  g.__pcpDb ??= openDb({
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgliteDir: process.env.PGLITE_DIR || undefined,
  }).catch((err) => {
    g.__pcpDb = undefined;
    throw err;
  });
  return g.__pcpDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
