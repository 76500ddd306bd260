/**
 * The import end to end through the HTTP upload route, as a browser sends it: the built app (`next start`, its
 * background worker on) on the bench database, signed in as an analyst of a fresh organisation; each file is sent
 * with the tus protocol in 32 MB parts streamed from disk (the browser's part size), and the clock stops when the
 * import is done (status `succeeded`, its row count checked against the file's). The app's process tree's RSS is
 * sampled every 100 ms from /proc while the uploads and imports run.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { ensureBuild, log, round } from "./run";

type Source = "azure" | "m365";
const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3190);
const BASE = `http://127.0.0.1:${PORT}`;
const PART_BYTES = 32 * 1024 * 1024;

export interface HttpImportRun {
  rows: number;
  bytes: number;
  seconds: number;
  uploadSeconds: number;
  rowsPerSecond: number;
  /** The app's peak RSS from this file's first byte until its import was done. */
  peakRssMB: number;
}

export interface HttpImportResult {
  runs: Record<Source, HttpImportRun>;
  peakRssMB: number;
  baselineRssMB: number;
}

/** Resident memory of a process and its descendants (Linux /proc), in bytes. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  const pids = [root];
  for (let i = 0; i < pids.length; i++) pids.push(...(children.get(pids[i]!) ?? []));
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      /* gone */
    }
  }
  return total;
}

function request(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: fs.ReadStream,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (s: string) => (text += s));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    if (body) body.pipe(req);
    else req.end();
  });
}

/** tus creation, then every part from disk; returns the import's id. */
async function upload(cookie: string, slug: string, source: Source, file: string): Promise<string> {
  const size = fs.statSync(file).size;
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const begun = await request("POST", `${BASE}/o/${slug}/imports/upload`, {
    Cookie: cookie,
    "Tus-Resumable": "1.0.0",
    "Upload-Length": String(size),
    "Upload-Metadata": `filename ${b64(path.basename(file))},source ${b64(source)},dataMonth ${b64("")}`,
  });
  if (begun.status !== 201) throw new Error(`upload creation answered ${begun.status}: ${begun.body}`);
  const url = `${BASE}${begun.headers.location}`;
  for (let offset = 0; offset < size;) {
    const end = Math.min(offset + PART_BYTES, size);
    const res = await request(
      "PATCH",
      url,
      {
        Cookie: cookie,
        "Tus-Resumable": "1.0.0",
        "Upload-Offset": String(offset),
        "Content-Type": "application/offset+octet-stream",
        "Content-Length": String(end - offset),
      },
      fs.createReadStream(file, { start: offset, end: end - 1, highWaterMark: 1024 * 1024 }),
    );
    if (res.status !== 204) throw new Error(`PATCH at ${offset} answered ${res.status}: ${res.body}`);
    offset = Number(res.headers["upload-offset"]);
    const importId = res.headers["pcp-import-id"];
    if (typeof importId === "string") return importId;
  }
  throw new Error("the upload ended without an import");
}

/** Polls the import every 100 ms until its pass has ended. */
async function waitForImport(db: pg.Client, importId: string): Promise<{ status: string; rows: number }> {
  for (;;) {
    const { rows: found } = await db.query("select status, rows_processed from imports where id = $1", [importId]);
    const status = found[0].status as string;
    if (["succeeded", "awaiting_confirmation", "invalid", "failed", "cancelled"].includes(status))
      return { status, rows: found[0].rows_processed as number };
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signIn(email: string, password: string): Promise<string> {
  const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);
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

export async function httpImport(
  databaseUrl: string,
  dir: string,
  files: Record<Source, string>,
  expectedRows: Record<Source, number>,
): Promise<HttpImportResult> {
  ensureBuild();
  const root = path.resolve(import.meta.dirname, "..");
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const stamp = Date.now();
  const password = "Bench-Analyst-Password-1";
  const org = await db.query("insert into organizations (slug, name) values ($1, 'Bench HTTP') returning id, slug", [
    `bench-http-${stamp}`,
  ]);
  const user = await db.query(
    "insert into users (email, name, password_hash, email_verified_at) values ($1, 'Bench', $2, now()) returning id",
    [`bench-http-${stamp}@bench.example`, await hash(password)],
  );
  // A second organisation for the warm-up upload, so the measured imports find no month with data.
  const warm = await db.query(
    "insert into organizations (slug, name) values ($1, 'Bench warm-up') returning id, slug",
    [`bench-http-warm-${stamp}`],
  );
  for (const o of [org.rows[0].id, warm.rows[0].id])
    await db.query("insert into memberships (organization_id, user_id, role) values ($1, $2, 'analyst')", [
      o,
      user.rows[0].id,
    ]);
  const logFd = fs.openSync(path.join(dir, "next-start-upload.log"), "a");
  log(`starting next start on :${PORT} (worker on)`);
  const server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: "bench-secret-bench-secret-bench-secret-42",
        IMPORT_MAX_BYTES: String(2 * 1024 ** 3),
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", logFd, logFd],
    },
  );
  let peak = 0;
  let overall = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(server.pid!))), 100);
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${BASE}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 240) throw new Error("the app did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    const cookie = await signIn(`bench-http-${stamp}@bench.example`, password);
    // Not measured: one small file through the whole road first, so the routes' and the import's modules are
    // loaded and the connections open (the first run after start-up took seconds longer).
    const small = path.join(dir, "warm-up.csv");
    fs.writeFileSync(
      small,
      fs
        .readFileSync(files.azure)
        .subarray(0, 64 * 1024)
        .toString("utf8")
        .replace(/\n[^\n]*$/, "\n"),
    );
    await waitForImport(db, await upload(cookie, warm.rows[0].slug, "azure", small));
    const baselineRssMB = Math.round(treeRss(server.pid!) / 1048576);
    peak = 0;
    const runs = {} as Record<Source, HttpImportRun>;
    for (const source of ["azure", "m365"] as const) {
      const t0 = performance.now();
      const importId = await upload(cookie, org.rows[0].slug, source, files[source]);
      const uploaded = performance.now();
      const { status, rows } = await waitForImport(db, importId);
      const seconds = (performance.now() - t0) / 1000;
      if (status !== "succeeded" || rows !== expectedRows[source])
        throw new Error(`${source} through HTTP: ${status}, ${rows} of ${expectedRows[source]} rows stored`);
      runs[source] = {
        rows,
        bytes: fs.statSync(files[source]).size,
        seconds: round(seconds),
        uploadSeconds: round((uploaded - t0) / 1000),
        rowsPerSecond: Math.round(rows / seconds),
        peakRssMB: Math.round(peak / 1048576),
      };
      log(
        `  ${source} through HTTP: ${rows} rows, upload ${runs[source].uploadSeconds} s, done after ${runs[source].seconds} s, peak RSS so far ${Math.round(peak / 1048576)} MB`,
      );
      overall = Math.max(overall, peak);
      // The recompute the import queued runs before the next file, outside the measured time.
      for (;;) {
        const { rows: busy } = await db.query(
          "select count(*)::int as n from jobs where organization_id = $1 and status in ('pending', 'running')",
          [org.rows[0].id],
        );
        if (busy[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      peak = 0;
    }
    return { runs, peakRssMB: Math.round(overall / 1048576), baselineRssMB };
  } finally {
    clearInterval(sampler);
    await db.end();
    if (server.exitCode === null) {
      const exited = once(server, "exit");
      server.kill("SIGTERM");
      const timer = setTimeout(() => server.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
  }
}
