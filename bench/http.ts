/**
 * Dashboard HTTP benchmark (a section of `npm run bench`): the built app (`next start`, PCP_WORKER=off) on the
 * bench database, signed in as an admin of the organisation the import section filled, measured with autocannon at
 * 50 concurrent connections: /api/health (the reference), the dashboard, and the latest snapshot's page.
 * p95 is computed exactly from every response time autocannon reports.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import type { BenchSection } from "./run";

const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3190);
const BASE = `http://127.0.0.1:${PORT}`;
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 15);
const GOALS = { p95Ms: 150, rpsVsHealth: 0.5 };
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function seedAdmin(databaseUrl: string, organizationId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const email = `bench-admin-${Date.now()}@bench.example`;
    const password = "Bench-Admin-Password-1";
    const { rows } = await client.query(
      "insert into users (email, name, password_hash) values ($1, 'Bench Admin', $2) returning id",
      [email, await hash(password)],
    );
    await client.query("insert into memberships (organization_id, user_id, role) values ($1, $2, 'admin')", [organizationId, rows[0].id]);
    const org = await client.query("select slug from organizations where id = $1", [organizationId]);
    const month = await client.query("select max(month) as m from snapshots where organization_id = $1 and latest", [organizationId]);
    return { email, password, slug: org.rows[0].slug as string, month: month.rows[0].m as string };
  } finally {
    await client.end();
  }
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in through Auth.js's credentials endpoint, as the sign-in form does, and returns the Cookie header. */
async function signIn(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
  });
  const cookie = [...jar, ...cookiesOf(res)].join("; ");
  if (!/session-token=/.test(cookie)) throw new Error(`bench sign-in failed (HTTP ${res.status})`);
  return cookie;
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app did not start");
}

type Measured = { path: string; rps: number; p50Ms: number; p95Ms: number; p99Ms: number; requests: number; non2xx: number };

async function measure(pathname: string, cookie: string): Promise<Measured> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: `${BASE}${pathname}`, connections: CONNECTIONS, duration: DURATION_S, headers: { cookie } }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0);
  return {
    path: pathname,
    rps: Math.round(result.requests.average),
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    requests: result.requests.total,
    non2xx: result.non2xx,
  };
}

export const section: BenchSection = {
  name: "http",
  async run(ctx) {
    const organizationId = ctx.shared.organizationId;
    if (!organizationId) throw new Error("the http section needs the import section's organisation");
    const root = path.resolve(import.meta.dirname, "..");
    if (spawnSync("test", ["-f", path.join(root, ".next", "BUILD_ID")]).status !== 0) {
      log("building the app (next build)");
      spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    }
    const admin = await seedAdmin(ctx.databaseUrl, organizationId);
    log(`starting next start on :${PORT}`);
    const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: ctx.databaseUrl, AUTH_SECRET: "bench-secret-bench-secret-bench-secret-42", PCP_WORKER: "off", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    try {
      await waitForHealth();
      const cookie = await signIn(admin.email, admin.password);
      const paths = ["/api/health", `/o/${admin.slug}`, `/o/${admin.slug}/snapshots/${admin.month}`];
      // One warm-up request each: the first render compiles nothing in production, but fills the connection pool.
      for (const p of paths) {
        const res = await fetch(`${BASE}${p}`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`${p} answered HTTP ${res.status} before the benchmark`);
      }
      const results: Measured[] = [];
      for (const p of paths) {
        log(`autocannon ${p} (${CONNECTIONS} connections, ${DURATION_S} s)`);
        const m = await measure(p, cookie);
        log(`  ${m.rps} req/s, p50 ${m.p50Ms} ms, p95 ${m.p95Ms} ms, p99 ${m.p99Ms} ms, non-2xx ${m.non2xx}`);
        results.push(m);
      }
      const health = results[0]!;
      const pages = results.slice(1).map((m) => ({ ...m, rpsVsHealth: Math.round((m.rps / health.rps) * 100) / 100 }));
      const json = { method: `autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per route, signed in as an admin; p95 from every response time`, goals: GOALS, health, pages };
      return {
        json,
        table: [
          [`GET /api/health`, `${health.rps} req/s, p95 ${health.p95Ms} ms`, "reference", ""],
          ...pages.map(
            (m) =>
              [
                `GET ${m.path.replace(admin.slug, "<org>")}`,
                `${m.rps} req/s (${m.rpsVsHealth}× health), p95 ${m.p95Ms} ms`,
                `p95 < ${GOALS.p95Ms} ms, ≥ ${GOALS.rpsVsHealth}× health`,
                m.p95Ms < GOALS.p95Ms && m.rpsVsHealth >= GOALS.rpsVsHealth ? "met" : "missed",
              ] as [string, string, string, string],
          ),
        ],
      };
    } finally {
      server.kill("SIGTERM");
    }
  },
};
