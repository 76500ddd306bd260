/**
 * Import section, next to `psql \copy` of the same file into an equivalent bare table (the file's columns, typed,
 * with a (tenant, month) index — the limit):
 *  - the app's pipeline (runImport, as the job runner calls it: one pass that validates and stores) on each
 *    generated file already stored as an upload, in a fresh process whose RSS is sampled every 100 ms. Goals:
 *    ≥ 0.9× the limit's rows/s, peak RSS < 400 MB;
 *  - end to end through the HTTP upload route (bench/upload-http.ts): the file sent as the browser sends it,
 *    stored, validated and imported by the built app, until the import is done. Goals: ≥ 0.75× the limit,
 *    the app's peak RSS < 400 MB.
 */
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { BenchContext, BenchSection, ChildMeasurement } from "./run";
import { fmt, log, psql, round, rssSampler, runChild } from "./run";
import { httpImport } from "./upload-http";

const RATIO_GOAL = 0.9;
const HTTP_RATIO_GOAL = 0.75;
const RSS_GOAL_MB = 400;

type Source = "azure" | "m365";

interface SourceRun {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  status: string;
}

interface ImportChildResult extends ChildMeasurement {
  organizationId: string;
  baselineRssMB: number;
  runs: Record<Source, SourceRun>;
}

const BARE_TABLES: Record<Source, string> = {
  azure: `create table bench_bare_azure (customer_tenant_id uuid not null, customer_name text, subscription_id text, month text not null,
    service_name text, offer_type text, association_type text, acr_usd numeric not null, is_acr_duplicate text);
    create index on bench_bare_azure (customer_tenant_id, month)`,
  m365: `create table bench_bare_m365 (customer_tenant_id uuid not null, customer_name text, month text not null, workload_name text,
    association_type text, paid_available_units bigint not null, monthly_active_users integer);
    create index on bench_bare_m365 (customer_tenant_id, month)`,
};

function checkpoint(databaseUrl: string) {
  try {
    psql(databaseUrl, "checkpoint");
  } catch {
    // Not allowed for this role: the runs are then a little less comparable, nothing more.
  }
}

/** `psql \copy` of the file into its bare table: the rate a plain bulk load reaches on this server. */
function copyLimit(ctx: BenchContext, source: Source, rows: number) {
  const table = `bench_bare_${source}`;
  psql(ctx.databaseUrl, `drop table if exists ${table}`);
  for (const statement of BARE_TABLES[source].split(";")) psql(ctx.databaseUrl, statement);
  checkpoint(ctx.databaseUrl);
  const { seconds } = psql(
    ctx.databaseUrl,
    `\\copy ${table} from '${ctx.files[source]}' with (format csv, header true)`,
  );
  const stored = Number(psql(ctx.databaseUrl, `select count(*) from ${table}`).stdout.trim().split("\n").pop());
  if (stored !== rows) throw new Error(`psql \\copy stored ${stored} of ${rows} ${source} rows`);
  psql(ctx.databaseUrl, `drop table ${table}`);
  return { rows, seconds: round(seconds), rowsPerSecond: Math.round(rows / seconds) };
}

export const section: BenchSection = {
  name: "import",
  async run(ctx) {
    const rows: Record<Source, number> = { azure: ctx.dataset.azureRows, m365: ctx.dataset.m365Rows };
    const limit = {} as Record<Source, ReturnType<typeof copyLimit>>;
    for (const source of ["azure", "m365"] as const) {
      log(`psql \\copy ${source} (${fmt(rows[source])} rows)`);
      limit[source] = copyLimit(ctx, source, rows[source]);
      log(`  ${limit[source].seconds} s, ${fmt(limit[source].rowsPerSecond)} rows/s`);
    }
    checkpoint(ctx.databaseUrl);
    log("app pipeline (runImport), fresh process");
    const app = await runChild<ImportChildResult>("import", [ctx.files.azure, ctx.files.m365], {
      DATABASE_URL: ctx.databaseUrl,
    });
    ctx.shared.organizationId = app.organizationId;

    const json: Record<string, unknown> = {
      method:
        "runImport: one pass, validated rows streamed by COPY FROM STDIN on the transaction's connection, vs psql \\copy into a bare typed table with a (tenant, month) index",
      goals: { rowsPerSecondVsPsqlCopy: RATIO_GOAL, peakRssMB: RSS_GOAL_MB },
      peakRssMB: app.peakRssMB,
      baselineRssMB: app.baselineRssMB,
    };
    const table: [string, string, string, string][] = [];
    for (const source of ["azure", "m365"] as const) {
      const a = app.runs[source];
      const l = limit[source];
      const ratio = round(a.rowsPerSecond / l.rowsPerSecond);
      json[source] = { app: a, psqlCopy: l, ratio };
      table.push([
        `${source} import, rows/s (${round(a.seconds, 1)} s)`,
        fmt(a.rowsPerSecond),
        `psql \\copy ${fmt(l.rowsPerSecond)} (${round(l.seconds, 1)} s)`,
        `${ratio}× ${ratio >= RATIO_GOAL ? "≥" : "<"} ${RATIO_GOAL}× ${ratio >= RATIO_GOAL ? "ok" : "MISSED"}`,
      ]);
    }
    table.push([
      "import process peak RSS",
      `${app.peakRssMB} MB`,
      `< ${RSS_GOAL_MB} MB`,
      app.peakRssMB < RSS_GOAL_MB ? "ok" : "MISSED",
    ]);

    if (process.env.BENCH_HTTP_IMPORT !== "off") {
      checkpoint(ctx.databaseUrl);
      log("end to end through the HTTP upload route (next start)");
      const viaHttp = await httpImport(ctx.databaseUrl, ctx.dir, ctx.files, rows);
      json.http = {
        method:
          "next start (worker on), tus creation + 32 MB PATCH parts streamed from disk over loopback, until the import's status is succeeded (rows checked); RSS of the app's process tree, sampled every 100 ms from /proc",
        goals: { rowsPerSecondVsPsqlCopy: HTTP_RATIO_GOAL, peakRssMB: RSS_GOAL_MB },
        baselineRssMB: viaHttp.baselineRssMB,
        peakRssMB: viaHttp.peakRssMB,
      };
      for (const source of ["azure", "m365"] as const) {
        const a = viaHttp.runs[source];
        const l = limit[source];
        const ratio = round(a.rowsPerSecond / l.rowsPerSecond);
        (json.http as Record<string, unknown>)[source] = { app: a, psqlCopy: l, ratio };
        table.push([
          `${source} upload → import done via HTTP, rows/s (${round(a.seconds, 1)} s, upload ${round(a.uploadSeconds, 1)} s)`,
          fmt(a.rowsPerSecond),
          `psql \\copy ${fmt(l.rowsPerSecond)} (${round(l.seconds, 1)} s)`,
          `${ratio}× ${ratio >= HTTP_RATIO_GOAL ? "≥" : "<"} ${HTTP_RATIO_GOAL}× ${ratio >= HTTP_RATIO_GOAL ? "ok" : "MISSED"}`,
        ]);
      }
      table.push([
        "app (upload route + import) peak RSS",
        `${viaHttp.peakRssMB} MB`,
        `< ${RSS_GOAL_MB} MB`,
        viaHttp.peakRssMB < RSS_GOAL_MB ? "ok" : "MISSED",
      ]);
    }
    return { json, table };
  },
};

// ---------------------------------------------------------------------------------------------------------
// Child: the measured pipeline, in this process.

async function child(files: Record<Source, string>) {
  const rss = rssSampler();
  const baselineRssMB = Math.round(process.memoryUsage.rss() / 1048576);
  const { openDb } = await import("../db/client");
  const { imports, memberships, organizations, users, azureUsage, m365Licences } = await import("../db/schema");
  const { submitImportFile } = await import("../server/imports/submit");
  const { runImport } = await import("../server/imports/run");
  const handle = await openDb({ databaseUrl: process.env.DATABASE_URL! });
  const db = handle.db;
  try {
    const [org] = await db
      .insert(organizations)
      .values({ slug: `bench-${Date.now()}`, name: "Bench" })
      .returning();
    const [user] = await db
      .insert(users)
      .values({ email: `bench-${Date.now()}@example.test`, name: "Bench", emailVerifiedAt: new Date() })
      .returning();
    await db.insert(memberships).values({ organizationId: org!.id, userId: user!.id, role: "admin" });
    const runs = {} as Record<Source, SourceRun>;
    for (const source of ["azure", "m365"] as const) {
      // The upload step (not measured here; see the HTTP run): the file stored as an upload, as the web route does.
      const imp = await submitImportFile(db, {
        organizationId: org!.id,
        source,
        fileName: path.basename(files[source]),
        body: fs.createReadStream(files[source]),
        dataMonth: null,
        createdBy: user!.id,
      });
      const t0 = performance.now();
      await runImport(db, imp.id);
      const t2 = performance.now();
      const [done] = await db.select().from(imports).where(eq(imports.id, imp.id));
      const table = source === "azure" ? azureUsage : m365Licences;
      const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }];
      if (done!.status !== "succeeded" || n !== done!.rowsProcessed)
        throw new Error(`${source}: import ended ${done!.status}, ${n} rows stored`);
      const seconds = (t2 - t0) / 1000;
      runs[source] = {
        rows: n,
        seconds: round(seconds),
        rowsPerSecond: Math.round(n / seconds),
        status: done!.status,
      };
      process.stderr.write(
        `[bench]   ${source}: ${fmt(n)} rows, ${runs[source].seconds} s, ${fmt(runs[source].rowsPerSecond)} rows/s, peak RSS so far ${rss.peakMB()} MB\n`,
      );
    }
    // Each import queued a recompute of this organisation. The recompute section measures that on its own, so it
    // must not run earlier in the HTTP run's worker, where it would also compete with the upload being measured.
    await db.execute(sql`delete from jobs where organization_id = ${org!.id} and status = 'pending'`);
    const result: ImportChildResult = { organizationId: org!.id, baselineRssMB, runs, peakRssMB: rss.peakMB() };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rss.stop();
    await handle.close();
  }
}

if (process.argv[2] === "--child" && process.argv[1]?.endsWith(`${path.sep}import.ts`)) {
  await child({ azure: process.argv[3]!, m365: process.argv[4]! });
}
