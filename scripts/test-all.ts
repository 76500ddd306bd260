/**
 * `npm test`: every layer in one command — unit, integration on PGlite and on PostgreSQL, then
 * end-to-end in Chromium against the built app — and one closing line of totals across them.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "test-results", "totals");
fs.mkdirSync(out, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

type Layer = { name: string; passed: number; failed: number };
const layers: Layer[] = [];

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return res.status ?? 1;
}

function vitestLayer(name: string, project: string, env: Record<string, string>) {
  const file = path.join(out, `${name}.json`);
  fs.rmSync(file, { force: true });
  const code = run(
    "npx",
    ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile=${file}`],
    env,
  );
  if (!fs.existsSync(file)) return layers.push({ name, passed: 0, failed: 1 });
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  // A suite that fails to load counts no tests; count it as a failure so it is never silent.
  const failedSuites = code !== 0 && r.numFailedTests === 0 ? 1 : 0;
  layers.push({ name, passed: r.numPassedTests, failed: r.numFailedTests + failedSuites });
}

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function withDatabase<T>(adminUrl: string, prefix: string, fn: (url: string) => T): Promise<T> {
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  try {
    return fn(u.toString());
  } finally {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  }
}

function ensureChromium(): boolean {
  if (fs.existsSync(chromium)) return true;
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing: installing Debian's chromium package…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium"]);
    if (fs.existsSync(chromium)) return true;
  }
  console.error(
    `End-to-end tests need Chromium at ${chromium}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`,
  );
  return false;
}

const defaultPg = "postgres://postgres@127.0.0.1:5432/postgres";
const pgAdminUrl =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || ((await reachable(defaultPg)) ? defaultPg : "");
const base = { NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "", PGLITE_DIR: "memory://" };

vitestLayer("unit", "unit", base);
vitestLayer("integration-pglite", "integration", { ...base, TEST_DB_DRIVER: "pglite" });
if (pgAdminUrl) {
  vitestLayer("integration-postgres", "integration", {
    ...base,
    TEST_DB_DRIVER: "postgres",
    TEST_DATABASE_URL: pgAdminUrl,
  });
} else {
  console.error("No PostgreSQL reachable (set TEST_DATABASE_URL): the integration suite ran on PGlite only.");
  layers.push({ name: "integration-postgres (no server)", passed: 0, failed: 1 });
}

if (!ensureChromium() || !pgAdminUrl) {
  layers.push({ name: "e2e (not run)", passed: 0, failed: 1 });
} else if (run("npx", ["next", "build"], { ...base, NODE_ENV: "production" }) !== 0) {
  layers.push({ name: "e2e (build failed)", passed: 0, failed: 1 });
} else {
  const file = path.join(out, "e2e.json");
  fs.rmSync(file, { force: true });
  await withDatabase(pgAdminUrl, "pcp_e2e", (url) =>
    run("npx", ["playwright", "test", "--reporter=list,json"], {
      ...base,
      E2E_DATABASE_URL: url,
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    }),
  );
  if (!fs.existsSync(file)) layers.push({ name: "e2e", passed: 0, failed: 1 });
  else {
    const s = JSON.parse(fs.readFileSync(file, "utf8")).stats;
    layers.push({ name: "e2e", passed: s.expected + s.flaky, failed: s.unexpected + (s.errors?.length ?? 0) });
  }
}

console.log("\nTest totals by layer:");
for (const l of layers) console.log(`  ${l.name.padEnd(32)} ${l.passed} passed, ${l.failed} failed`);
const passed = layers.reduce((n, l) => n + l.passed, 0);
const failed = layers.reduce((n, l) => n + l.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
