import path from "node:path";
import { sql } from "drizzle-orm";
import type { DbHandle } from "./client";
import { poolOf } from "./driver";

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
  const pool = poolOf(handle.db);
  if (pool === null) throw new Error("a PostgreSQL handle has a pool");
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

/** Rows of a raw query (node-postgres and PGlite both answer `{ rows }`). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The tables whose rows the run-time role may add and read but never change or remove. */
const APPEND_ONLY_TABLES = ["audit_log"];

/**
 * Least privilege at run time (issue 12, finding 9). The owner role (MIGRATION_DATABASE_URL) owns the schema and
 * applies migrations; the role the app runs as (DATABASE_URL) gets only what the app does: read and write the
 * tables, use their sequences, and add to the audit log. It does not own anything, so it cannot ALTER, DROP or
 * DISABLE TRIGGER; it has no UPDATE, DELETE or TRUNCATE on the audit log; and as a non-superuser it cannot set
 * `session_replication_role` (which would skip the append-only triggers). Run after every migration by the owner,
 * so tables added later are covered. Idempotent.
 */
export async function grantRuntimePrivileges(owner: DbHandle, role: string): Promise<void> {
  const r = sql.identifier(role);
  await owner.db.transaction(async (tx) => {
    await tx.execute(sql`grant usage on schema public to ${r}`);
    await tx.execute(sql`grant select, insert, update, delete on all tables in schema public to ${r}`);
    await tx.execute(sql`grant usage, select on all sequences in schema public to ${r}`);
    for (const table of APPEND_ONLY_TABLES) {
      await tx.execute(sql`revoke update, delete, truncate, references, trigger on ${sql.identifier(table)} from ${r}`);
    }
    // PostgreSQL 17 can let a non-owner ANALYZE (the recompute refreshes the tenant table's statistics after a big
    // write); before 17 that ANALYZE is skipped with a warning and autovacuum refreshes them shortly after.
    const [version] = rowsOf<{ v: number }>(
      await tx.execute(sql`select current_setting('server_version_num')::int as v`),
    );
    if (Number(version?.v) >= 170000) await tx.execute(sql`grant maintain on snapshot_tenants to ${r}`);
  });
}

/** The role a handle's connections run as, and whether it is a superuser or owns the audit log. */
export async function describeRole(
  handle: DbHandle,
): Promise<{ role: string; superuser: boolean; ownsAudit: boolean }> {
  const [row] = rowsOf<{ role: string; superuser: boolean; owns_audit: boolean }>(
    await handle.db.execute(sql`
      select current_user as role,
             (select rolsuper from pg_roles where rolname = current_user) as superuser,
             coalesce((select pg_get_userbyid(relowner) = current_user from pg_class
                        where oid = to_regclass('public.audit_log')), false) as owns_audit`),
  );
  return { role: row!.role, superuser: Boolean(row!.superuser), ownsAudit: Boolean(row!.owns_audit) };
}

/**
 * With MIGRATION_DATABASE_URL: migrations as the owner, then the run-time role's grants. Returns a sentence for
 * the operator when the run-time role is no less privileged than the owner (a superuser, or the audit log's owner),
 * since then the split protects nothing.
 */
export async function migrateAsOwner(runtime: DbHandle, ownerUrl: string): Promise<string | null> {
  const { openDb } = await import("./client");
  const owner = await openDb({ databaseUrl: ownerUrl });
  try {
    await migrateDb(owner);
    const runtimeRole = await describeRole(runtime);
    if (runtimeRole.superuser || runtimeRole.ownsAudit) {
      return `DATABASE_URL connects as "${runtimeRole.role}", which ${runtimeRole.superuser ? "is a superuser" : "owns the tables"}: with MIGRATION_DATABASE_URL set, DATABASE_URL must name the run-time role that only the owner's grants apply to (see README, Running on PostgreSQL).`;
    }
    await grantRuntimePrivileges(owner, runtimeRole.role);
    return null;
  } finally {
    await owner.close();
  }
}
