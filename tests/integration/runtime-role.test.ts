import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { appendAudit } from "@/db/queries/audit-log";
import { describeRole, grantRuntimePrivileges, migrateAsOwner } from "@/db/migrate";
import { orgActions } from "@/server/actions";
import { executeOrgAction } from "@/server/org-action";
import { seedDataWorld } from "./helpers/data-world";
import { auditRows, contextFor, seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

/**
 * Issue 12, finding 9: the audit log's append-only triggers did not bind the app's own database role, which owned
 * the tables (`session_replication_role = replica` or `DISABLE TRIGGER` rewrote the log). Now migrations run as
 * the owner and the app as a role with only the grants of db/migrate.ts. Roles exist only on a PostgreSQL server;
 * PGlite (development, one role) is covered by every other test.
 */
describe(`least-privilege run-time role (${testDriver()})`, () => {
  let owner: DbHandle;
  let runtime: DbHandle;
  const role = `pcp_rt_${crypto.randomUUID().slice(0, 8)}`;

  if (testDriver() !== "postgres") {
    it("runs the app as the one role that migrates (PGlite has no others)", async () => {
      const handle = await createTestDb();
      try {
        expect((await describeRole(handle)).superuser).toBe(true);
      } finally {
        await handle.close();
      }
    });
    return;
  }

  beforeAll(async () => {
    owner = await createTestDb();
    await owner.db.execute(sql`create role ${sql.identifier(role)} login`);
    const url = new URL(inject("testDatabaseUrl")!);
    url.username = role;
    url.password = "";
    runtime = await openDb({ databaseUrl: url.toString() });
    // As at start-up with MIGRATION_DATABASE_URL: the owner migrates, then grants.
    expect(await migrateAsOwner(runtime, inject("testDatabaseUrl")!)).toBeNull();
  });
  afterAll(async () => {
    await runtime?.close();
    await owner.db.execute(sql`drop owned by ${sql.identifier(role)}`);
    await owner.db.execute(sql`drop role ${sql.identifier(role)}`);
    await owner.close();
  });

  /** The run-time role's attempt, in a transaction that is rolled back whatever happens. */
  async function attempt(statement: ReturnType<typeof sql>): Promise<string> {
    try {
      await runtime.db.transaction(async (tx) => {
        await tx.execute(statement);
        throw new Error("ALLOWED");
      });
    } catch (err) {
      let e: unknown = err;
      while (e instanceof Error && e.cause) e = e.cause;
      return (e as Error).message;
    }
    return "ALLOWED";
  }

  it("the owner could rewrite the log past its triggers: the attack the run-time role must not manage", async () => {
    // The finding as reported, against the owner's connection (rolled back).
    await owner.db
      .transaction(async (tx) => {
        await appendAudit(tx, {
          organizationId: null,
          actor: null,
          action: "test.owner",
          objectType: "runtime-role-test",
        });
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update audit_log set action = 'test.rewritten' where action = 'test.owner'`);
        tx.rollback();
      })
      .catch((err: Error) => expect(err.message).toMatch(/rollback/i));
  });

  it("refuses the run-time role's UPDATE, DELETE, TRUNCATE, ALTER and session_replication_role on the audit log", async () => {
    await appendAudit(runtime.db, {
      organizationId: null,
      actor: null,
      action: "test.runtime",
      objectType: "runtime-role-test",
    });
    const refusals = {
      update: await attempt(sql`update audit_log set action = 'test.rewritten'`),
      delete: await attempt(sql`delete from audit_log`),
      truncate: await attempt(sql`truncate audit_log`),
      disableTrigger: await attempt(sql`alter table audit_log disable trigger all`),
      alter: await attempt(sql`alter table audit_log add column note text`),
      drop: await attempt(sql`drop table audit_log`),
      replica: await attempt(sql`set session_replication_role = replica`),
      replicaLocal: await attempt(sql`set local session_replication_role = replica`),
    };
    for (const [what, message] of Object.entries(refusals)) {
      expect(message, what).not.toBe("ALLOWED");
      expect(message, what).toMatch(/permission denied|must be owner|must be superuser/);
    }
    const rows = await runtime.db.execute(sql`select count(*)::int as n from audit_log where action = 'test.runtime'`);
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it("is neither a superuser nor the owner, and start-up refuses a DATABASE_URL that is", async () => {
    expect(await describeRole(runtime)).toMatchObject({ role, superuser: false, ownsAudit: false });
    // The owner's own connection as the run-time role: refused with a sentence for the operator.
    expect(await migrateAsOwner(owner, inject("testDatabaseUrl")!)).toMatch(/DATABASE_URL connects as/);
  });

  it("runs the app as that role: imports (COPY), recomputes, decisions, actions and their audit entries", async () => {
    const { org, users } = await seedOrg(runtime.db, { admin: "admin" });
    await seedDataWorld(runtime.db, org.id, users.admin.id);
    const ctx = contextFor(runtime.db, users.admin);
    expect(await executeOrgAction(orgActions["org.rename"], ctx, org.slug, { name: "Least privilege" })).toMatchObject({
      ok: true,
    });
    expect(await executeOrgAction(orgActions["snapshots.export"], ctx, org.slug, { month: "2026-10" })).toMatchObject({
      ok: true,
    });
    const actions = (await auditRows(runtime.db, org.id)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["org.rename", "snapshots.export"]));
  });

  it("grants again without harm (every start-up runs them)", async () => {
    await grantRuntimePrivileges(owner, role);
    expect(await attempt(sql`delete from audit_log`)).toMatch(/permission denied/);
  });
});
