/**
 * Dashboard HTTP benchmark (a section of `npm run bench`): the built app (`next start`, PCP_WORKER=off) on the
 * bench database, signed in as an admin of the organisation the import section filled, measured with autocannon at
 * 50 concurrent connections: /api/health (the reference), the dashboard, and the latest snapshot's page.
 * p95 is computed exactly from every response time autocannon reports.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import type { BenchSection } from "./run";
import { ensureBuild, psql } from "./run";

const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3190);
const BASE = `http://127.0.0.1:${PORT}`;
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 15);
/** Not recorded: JIT and connection pool warmed at full concurrency before each measured run. */
const WARMUP_S = 3;
/** One connection: the time one request takes with no queueing (the service time the concurrency multiplies). */
const SERIAL_S = 5;
const GOALS = { p95Ms: 150, rpsVsHealth: 0.5 };
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

export async function seedAdmin(databaseUrl: string, organizationId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const email = `bench-admin-${Date.now()}@bench.example`;
    const password = "Bench-Admin-Password-1";
    const { rows } = await client.query(
      "insert into users (email, name, password_hash, email_verified_at) values ($1, 'Bench Admin', $2, now()) returning id",
      [email, await hash(password)],
    );
    await client.query("insert into memberships (organization_id, user_id, role) values ($1, $2, 'admin')", [
      organizationId,
      rows[0].id,
    ]);
    const org = await client.query("select slug from organizations where id = $1", [organizationId]);
    const month = await client.query("select max(month) as m from snapshots where organization_id = $1 and latest", [
      organizationId,
    ]);
    return { email, password, slug: org.rows[0].slug as string, month: month.rows[0].m as string };
  } finally {
    await client.end();
  }
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in through Auth.js's credentials endpoint, as the sign-in form does, and returns the Cookie header. */
export async function signIn(email: string, password: string): Promise<string> {
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

export async function waitForHealth(): Promise<void> {
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

type Measured = {
  path: string;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  /** Mean response time with one connection (no queueing), and the bytes of one response. */
  serialMeanMs: number;
  responseBytes: number;
  /** Pages only: mean time of Next rendering the page with the rendered-page cache skipped, one connection. */
  uncachedSerialMeanMs?: number;
};

/** The header the page cache's own requests carry (server/page-cache/headers.ts): Next renders, nothing is cached. */
const SKIP_PAGE_CACHE = { "x-pcp-page-render": "1" };

function cannon(
  pathname: string,
  cookie: string,
  connections: number,
  duration: number,
  times?: number[],
  extra: Record<string, string> = {},
) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${BASE}${pathname}`, connections, duration, headers: { cookie, ...extra } },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    if (times) instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

async function measure(pathname: string, cookie: string, responseBytes: number): Promise<Measured> {
  await cannon(pathname, cookie, CONNECTIONS, WARMUP_S);
  const times: number[] = [];
  const result = await cannon(pathname, cookie, CONNECTIONS, DURATION_S, times);
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0);
  const serial = await cannon(pathname, cookie, 1, SERIAL_S);
  const uncached = pathname.startsWith("/o/")
    ? await cannon(pathname, cookie, 1, SERIAL_S, undefined, SKIP_PAGE_CACHE)
    : null;
  return {
    path: pathname,
    rps: Math.round(result.requests.average),
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    serialMeanMs: Math.round(serial.latency.mean * 10) / 10,
    responseBytes,
    ...(uncached ? { uncachedSerialMeanMs: Math.round(uncached.latency.mean * 10) / 10 } : {}),
  };
}

export async function stopServer(server: ReturnType<typeof spawn>) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, "exit");
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

export const section: BenchSection = {
  name: "http",
  async run(ctx) {
    const organizationId = ctx.shared.organizationId;
    if (!organizationId) throw new Error("the http section needs the import section's organisation");
    ensureBuild();
    const root = path.resolve(import.meta.dirname, "..");
    // Steady state: the tables the pages read, vacuumed and analysed as autovacuum would have done by now (it may be
    // off on a test server). Without it the freshly written snapshot_tenants has no statistics and no visibility map:
    // the page's count(*) becomes a parallel bitmap heap scan with JIT (≈ 40–70 ms instead of ≈ 4 ms at 50,000 tenants).
    const vacuumSeconds = psql(
      ctx.databaseUrl,
      "vacuum analyze snapshot_tenants, snapshots, imports, organization_data_status, memberships",
    ).seconds;
    const admin = await seedAdmin(ctx.databaseUrl, organizationId);
    log(`starting next start on :${PORT}`);
    const serverLog = path.join(ctx.dir, "next-start.log");
    const logFd = fs.openSync(serverLog, "a");
    const server = spawn(
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: ctx.databaseUrl,
          AUTH_SECRET: "bench-secret-bench-secret-bench-secret-42",
          PCP_WORKER: "off",
          NEXT_TELEMETRY_DISABLED: "1",
        },
        stdio: ["ignore", logFd, logFd],
      },
    );
    const loadAverageAtStart = os.loadavg().map((n) => Math.round(n * 10) / 10);
    try {
      await waitForHealth().catch((err: Error) => {
        throw new Error(`${err.message}:\n${fs.readFileSync(serverLog, "utf8").slice(-2000)}`);
      });
      const cookie = await signIn(admin.email, admin.password);
      const paths = ["/api/health", `/o/${admin.slug}`, `/o/${admin.slug}/snapshots/${admin.month}`];
      // Each page must answer 200 signed in (not a redirect to sign-in) before it is measured.
      const bytes: number[] = [];
      for (const p of paths) {
        const res = await fetch(`${BASE}${p}`, { headers: { cookie }, redirect: "manual" });
        if (res.status !== 200) throw new Error(`${p} answered HTTP ${res.status} before the benchmark`);
        bytes.push((await res.arrayBuffer()).byteLength);
      }
      const results: Measured[] = [];
      for (const [i, p] of paths.entries()) {
        log(
          `autocannon ${p} (${WARMUP_S} s warm-up, ${CONNECTIONS} connections ${DURATION_S} s, 1 connection ${SERIAL_S} s)`,
        );
        const m = await measure(p, cookie, bytes[i]!);
        log(
          `  ${m.rps} req/s, p50 ${m.p50Ms} ms, p95 ${m.p95Ms} ms, p99 ${m.p99Ms} ms, non-2xx ${m.non2xx}; alone ${m.serialMeanMs} ms` +
            `${m.uncachedSerialMeanMs === undefined ? "" : ` (rendered without the page cache ${m.uncachedSerialMeanMs} ms)`}, ${m.responseBytes} bytes`,
        );
        results.push(m);
      }
      const health = results[0]!;
      const pages = results.slice(1).map((m) => ({ ...m, rpsVsHealth: Math.round((m.rps / health.rps) * 100) / 100 }));
      const json = {
        method: `next start (PCP_WORKER=off), autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per route after a ${WARMUP_S} s warm-up, signed in as an admin (pages served by the rendered-page cache after the first render); p95 from every response time; serialMeanMs: 1 connection, ${SERIAL_S} s; uncachedSerialMeanMs: the same with the cache skipped (Next renders every request)`,
        goals: GOALS,
        loadAverageAtStart,
        vacuumAnalyzeSeconds: Math.round(vacuumSeconds * 10) / 10,
        health,
        pages,
      };
      return {
        json,
        table: [
          [
            `GET /api/health`,
            `${health.rps} req/s, p95 ${health.p95Ms} ms (alone ${health.serialMeanMs} ms)`,
            "reference",
            "",
          ],
          ...pages.map(
            (m) =>
              [
                `GET ${m.path.replace(admin.slug, "<org>")}`,
                `${m.rps} req/s (${m.rpsVsHealth}× health), p95 ${m.p95Ms} ms (alone ${m.serialMeanMs} ms; uncached render ${m.uncachedSerialMeanMs} ms)`,
                `p95 < ${GOALS.p95Ms} ms, ≥ ${GOALS.rpsVsHealth}× health`,
                m.p95Ms < GOALS.p95Ms && m.rpsVsHealth >= GOALS.rpsVsHealth ? "met" : "missed",
              ] as [string, string, string, string],
          ),
        ],
      };
    } finally {
      await stopServer(server);
      fs.closeSync(logFd);
    }
  },
};
