import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { openDb, type DbHandle } from "@/db/client";
import { azureUsage, dataRevisions, imports, snapshots, snapshotTenants } from "@/db/schema";
import { tenantHistory } from "@/db/queries/snapshots";
import { generateDataset } from "@/lib/generator";
import { runImport } from "@/server/imports/run";
import { decideImport } from "@/server/imports/decisions";
import { submitImportFile } from "@/server/imports/submit";
import { createTestDb, testDriver } from "./helpers/test-db";
import { seedOrg, settle, uploadFile } from "./helpers/imports";

/**
 * Faults only a server has: a connection killed in the middle of the COPY, and two instances importing for one
 * organisation at once. PGlite has one in-process connection, so neither case exists there.
 */
describe(`import faults (${testDriver()})`, () => {
  let h: DbHandle;
  let dir: string;
  beforeAll(async () => {
    h = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcp-faults-"));
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A generated Azure export with about `rows` rows over 36 months (ending 2026-10). */
  async function azureFile(name: string, tenants: number, maxRows: number): Promise<string> {
    const file = path.join(dir, name);
    const out = fs.createWriteStream(file);
    await generateDataset(
      { tenants, months: 36, seed: 7, toMonth: "2026-10", maxAzureRows: maxRows, maxM365Rows: 0 },
      {
        azure: async (chunk) => {
          if (!out.write(chunk)) await once(out, "drain");
        },
        m365: () => undefined,
      },
    );
    out.end();
    await once(out, "finish");
    return file;
  }

  /** An upload as the web route stores it; the import then waits for its background run. */
  async function uploaded(db: DbHandle["db"], target: { organizationId: string; userId: string }, file: string) {
    const imp = await submitImportFile(db, {
      organizationId: target.organizationId,
      source: "azure",
      fileName: path.basename(file),
      body: fs.createReadStream(file),
      dataMonth: null,
      createdBy: target.userId,
    });
    return imp.id;
  }

  /** Runs an uploaded import; when months have data already, the admin confirms the replacement, as on the page. */
  async function run(db: DbHandle["db"], organizationId: string, importId: string) {
    await runImport(db, importId);
    const [row] = await db.select().from(imports).where(eq(imports.id, importId));
    if (row!.status === "awaiting_confirmation")
      await db.transaction((tx) => decideImport(tx, organizationId, importId, true));
    const [done] = await db.select().from(imports).where(eq(imports.id, importId));
    expect(done!.status).toBe("succeeded");
  }

  /** Active revisions, rows of the organisation (any revision) and rows of its active revisions. */
  async function state(organizationId: string) {
    const revisions = await h.db
      .select({
        id: dataRevisions.id,
        month: dataRevisions.month,
        revision: dataRevisions.revision,
        rows: dataRevisions.rowCount,
      })
      .from(dataRevisions)
      .where(and(eq(dataRevisions.organizationId, organizationId), eq(dataRevisions.active, true)))
      .orderBy(dataRevisions.month);
    const [counts] = (await h.db
      .select({
        all: sql<number>`count(*)::int`,
        active: sql<number>`(count(*) filter (where ${dataRevisions.active}))::int`,
      })
      .from(azureUsage)
      .innerJoin(dataRevisions, eq(dataRevisions.id, azureUsage.revisionId))
      .where(eq(dataRevisions.organizationId, organizationId))) as [{ all: number; active: number }];
    return { revisions, storedRows: counts.all, activeRows: counts.active };
  }

  it("stores names with commas, quotes, tabs, backslashes and line breaks exactly (COPY text escaping)", async () => {
    const { org, user } = await seedOrg(h.db);
    const names = ["Comma, Inc.", 'Quote "Q" Ltd', "Tab\there", "Back\\slash \\N and \\t", "Line\nbreak", "CR\r\nLF"];
    const csvField = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const body =
      "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n" +
      names
        .map(
          (name, i) =>
            `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")},${csvField(name)},2026-01,Key Vault,${csvField(`Offer\\${i}, "x"`)},PAL,700\n`,
        )
        .join("");
    const id = await uploadFile(h.db, { organizationId: org.id, userId: user.id }, "azure", body, "2026-10");
    expect((await settle(h.db, id))!.status).toBe("succeeded");
    const stored = await h.db
      .select({ tenantId: azureUsage.tenantId, name: azureUsage.customerName, offer: azureUsage.offer })
      .from(azureUsage)
      .innerJoin(dataRevisions, eq(dataRevisions.id, azureUsage.revisionId))
      .where(eq(dataRevisions.organizationId, org.id));
    expect(stored.sort((a, b) => a.tenantId.localeCompare(b.tenantId)).map((r) => [r.name, r.offer])).toEqual(
      names.map((name, i) => [name, `Offer\\${i}, "x"`]),
    );
    // The drill-down rows (COPY on PostgreSQL too) keep them as well, and so does the explanation built from them.
    const [snap] = await h.db
      .select({ id: snapshots.id })
      .from(snapshots)
      .where(and(eq(snapshots.organizationId, org.id), eq(snapshots.month, "2026-10"), eq(snapshots.latest, true)));
    const tenants = await h.db.select().from(snapshotTenants).where(eq(snapshotTenants.snapshotId, snap!.id));
    expect(tenants.map((t) => t.customerName).sort()).toEqual([...names].sort());
    const histories = await Promise.all(tenants.map((t) => tenantHistory(h.db, org.id, t.tenantId)));
    expect(histories.map((rows) => rows[0]!.details.name).sort()).toEqual([...names].sort());
  });

  if (testDriver() === "postgres") {
    it("the database connection killed in the middle of a large import leaves the previous data unchanged", async () => {
      const { org, user } = await seedOrg(h.db);
      const target = { organizationId: org.id, userId: user.id };
      const small = await azureFile("small.csv", 200, 5_000);
      const large = await azureFile("large.csv", 12_000, 400_000);

      const first = await uploaded(h.db, target, small);
      await run(h.db, org.id, first);
      const before = await state(org.id);
      expect(before.revisions.length).toBeGreaterThan(0);
      expect(before.storedRows).toBeGreaterThan(0);

      const second = await uploaded(h.db, target, large);
      const killer = new pg.Client({ connectionString: inject("testDatabaseUrl") });
      await killer.connect();
      let killed = 0;
      let stop = false;
      // Kill the import's connection once its COPY is running and rows have been sent.
      const kill = (async () => {
        while (!stop && killed === 0) {
          const { rows } = await killer.query(
            `select pid from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid() and query ilike '%copy%azure_usage%' and state = 'active'`,
          );
          if (rows.length > 0) {
            await new Promise((r) => setTimeout(r, 300));
            const res = await killer.query(
              `select pg_terminate_backend(pid) as done from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid() and query ilike '%copy%'`,
            );
            killed = res.rows.filter((r) => r.done).length;
          } else {
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      })();
      const outcome = await runImport(h.db, second).then(
        () => null,
        (err: Error) => err,
      );
      stop = true;
      await kill;
      await killer.end();

      expect(killed).toBe(1);
      expect(outcome).toBeInstanceOf(Error);
      const [failed] = await h.db.select().from(imports).where(eq(imports.id, second));
      expect(failed!.status).toBe("failed");
      // The server's words ("terminating connection due to administrator command") or the socket's (ECONNRESET), whichever came first.
      expect(failed!.failureReason).toMatch(
        /^The import stopped and nothing was stored: the database connection was lost during the import \((.*administrator command|.*ECONNRESET|.*EPIPE|Connection terminated)/,
      );
      expect(failed!.storagePath).toBeNull();
      expect(await state(org.id)).toEqual(before);
      // Nothing of the failed import remains, not even inactive revisions.
      const leftovers = await h.db.select().from(dataRevisions).where(eq(dataRevisions.importId, second));
      expect(leftovers).toHaveLength(0);

      // The pool recovered: the next import of the same organisation goes through.
      const third = await uploaded(h.db, target, small);
      await run(h.db, org.id, third);
      const after = await state(org.id);
      expect(after.activeRows).toBe(before.activeRows);
      expect(after.storedRows).toBe(2 * before.storedRows);
      expect(after.revisions.map((r) => r.revision)).toEqual(before.revisions.map((r) => r.revision + 1));
    });

    it("a second import for the same organisation waits its turn", async () => {
      const url = inject("testDatabaseUrl");
      const [a, b] = await Promise.all([openDb({ databaseUrl: url }), openDb({ databaseUrl: url })]);
      try {
        const { org, user } = await seedOrg(h.db);
        const target = { organizationId: org.id, userId: user.id };
        const file = await azureFile("turns.csv", 2_000, 60_000);
        const first = await uploaded(a.db, target, file);
        const second = await uploaded(b.db, target, file);

        // Hold the organisation's lock from a third connection, so both commits start and queue behind it.
        const holder = new pg.Client({ connectionString: url });
        await holder.connect();
        await holder.query("begin");
        await holder.query("select pg_advisory_xact_lock(hashtext($1))", [org.id]);
        const finished: string[] = [];
        const runA = runImport(a.db, first).then(() => finished.push("first"));
        // The second starts only once the first is waiting on the lock, so the order they queue in is known.
        const waiting = async (n: number) => {
          for (let i = 0; i < 500; i++) {
            const { rows } = await holder.query(
              `select count(*)::int as n from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`,
            );
            if (rows[0].n >= n) return;
            await new Promise((r) => setTimeout(r, 20));
          }
          throw new Error(`${n} commits never waited on the organisation's lock`);
        };
        await waiting(1);
        const runB = runImport(b.db, second).then(() => finished.push("second"));
        await waiting(2);
        // Both are blocked: nothing of either is stored while the lock is held.
        expect((await state(org.id)).storedRows).toBe(0);
        await holder.query("commit");
        await holder.end();
        await Promise.all([runA, runB]);

        expect(finished).toEqual(["first", "second"]);
        // The second found the first's months in use: its rows wait, staged, for the admin's decision.
        const [waitingImport] = await h.db.select().from(imports).where(eq(imports.id, second));
        expect(waitingImport!.status).toBe("awaiting_confirmation");
        await h.db.transaction((tx) => decideImport(tx, org.id, second, true));
        const rows = await h.db
          .select({ importId: dataRevisions.importId, revision: dataRevisions.revision, active: dataRevisions.active })
          .from(dataRevisions)
          .where(eq(dataRevisions.organizationId, org.id));
        const of = (id: string) => rows.filter((r) => r.importId === id);
        // Every month: revision 1 from the first import (superseded), revision 2 from the second (active).
        expect(new Set(of(first).map((r) => `${r.revision}:${r.active}`))).toEqual(new Set(["1:false"]));
        expect(new Set(of(second).map((r) => `${r.revision}:${r.active}`))).toEqual(new Set(["2:true"]));
        // Revision 2 everywhere means the second read the first's committed revisions: it ran after the first's
        // transaction ended (it takes the lock before reading the latest revision numbers).
        const [{ n }] = (await h.db
          .select({ n: sql<number>`count(*)::int` })
          .from(azureUsage)
          .innerJoin(dataRevisions, eq(dataRevisions.id, azureUsage.revisionId))
          .where(and(eq(dataRevisions.organizationId, org.id), eq(dataRevisions.active, true)))) as [{ n: number }];
        const [imp] = await h.db.select().from(imports).where(eq(imports.id, second));
        expect(n).toBe(imp!.rowsProcessed);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  }
});
