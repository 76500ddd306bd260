/**
 * The one module that knows what a database handle runs on, and the only code that reads past the public APIs of
 * drizzle-orm, pg and pg-copy-streams (ARCHITECTURE.md, "Library internals we rely on"; the versions are pinned
 * exactly in package.json and checked by tests/unit/library-pins.test.ts; tests/integration/db-driver.test.ts
 * runs every function here on both drivers). Everything else asks this module:
 *  - which driver a handle or a transaction uses (driverOf), and the pool behind a PostgreSQL handle (poolOf);
 *  - the transaction's own connection (connectionOf, onConnectionError), for COPY, which must run on it, and a
 *    connection of its own with a handle's settings (newConnection);
 *  - a statement prepared once per connection on PostgreSQL (queryNamed);
 *  - COPY streams on a connection (copyFromStdin, copyToStdout), and a query with its parameters written into the
 *    text (inlineQuery), since COPY takes no bind parameters.
 */
import type { Readable, Writable, WritableOptions } from "node:stream";
import pg from "pg";
import type { PGlite } from "@electric-sql/pglite";
import { entityKind, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { Db } from "./client";

export type Driver = "postgres" | "pglite";
/** A node-postgres connection: a transaction's own (connectionOf) or one made for a purpose (newConnection). */
export type PgConnection = pg.ClientBase;

type Known = { driver: "postgres"; pool: pg.Pool } | { driver: "pglite"; client: PGlite };
/**
 * The handles db/client made, with what they run on (known for what they are, not guessed from their shape), and
 * every connection of their pools (pg-pool's public 'connect' event: a transaction runs on one). Kept on
 * globalThis like the process's handle itself (db/client.ts getDb): Next loads this module more than once in one
 * process (the proxy, instrumentation and route bundles), and a registry per copy did not know the handle another
 * copy made — the upload route answered 500.
 */
type Registry = { handles: WeakMap<object, Known>; connections: WeakSet<object> };
const registry = ((globalThis as typeof globalThis & { __pcpDbRegistry?: Registry }).__pcpDbRegistry ??= {
  handles: new WeakMap(),
  connections: new WeakSet(),
});
const { handles, connections } = registry;

/** Called by db/client for each PostgreSQL handle it makes, before the pool has opened a connection. */
export function registerPostgres(db: Db, pool: pg.Pool): void {
  handles.set(db, { driver: "postgres", pool });
  pool.on("connect", (client) => connections.add(client));
}

/** Called by db/client for each PGlite handle it makes. */
export function registerPglite(db: Db, client: PGlite): void {
  handles.set(db, { driver: "pglite", client });
}

/**
 * INTERNAL (drizzle-orm 0.45.4). A drizzle transaction keeps its session as `session`, and the session keeps the
 * driver's client as `client`: on node-postgres the PoolClient it checked out for the transaction
 * (node-postgres/session.js, NodePgSession#transaction: `new NodePgSession(await this.client.connect(), …)`),
 * on PGlite PGlite's own transaction object. drizzle has no public way to reach the connection, and COPY must run
 * on the transaction's own connection to be part of it.
 */
function sessionClientOf(tx: Db): unknown {
  return (tx as unknown as { session?: { client?: unknown } }).session?.client;
}

/**
 * INTERNAL (drizzle-orm 0.45.4). The class name drizzle gives its objects (the static `entityKind` its public
 * `is()` reads): "NodePgTransaction" or "PgliteTransaction" for a transaction. Read directly rather than through
 * `is(tx, PgliteTransaction)`, which would load PGlite into a process that runs on PostgreSQL.
 */
function entityKindOf(value: object): unknown {
  return (value.constructor as unknown as Record<symbol, unknown> | undefined)?.[entityKind];
}

/**
 * Which driver a database handle made by db/client, or a transaction of one, runs on. Throws for anything else (a
 * drizzle instance made elsewhere, a plain object): a guess would send COPY to a driver that cannot run it.
 */
export function driverOf(db: Db): Driver {
  const known = handles.get(db);
  if (known) return known.driver;
  if (typeof db === "object" && db !== null) {
    const kind = entityKindOf(db);
    if (kind === "NodePgTransaction" && connections.has(sessionClientOf(db) as object)) return "postgres";
    if (kind === "PgliteTransaction") return "pglite";
  }
  throw new Error("not a database handle made by db/client (openDb), nor a transaction of one");
}

/** The node-postgres Pool behind a PostgreSQL handle; null for PGlite and for a transaction (it has a connection). */
export function poolOf(db: Db): pg.Pool | null {
  const known = handles.get(db);
  if (known) return known.driver === "postgres" ? known.pool : null;
  driverOf(db); // throws for what is not a handle nor a transaction
  return null;
}

/** What a handle's own queries go through: its Pool on PostgreSQL, the PGlite instance on PGlite. */
export function clientOf(db: Db): pg.Pool | PGlite {
  const known = handles.get(db);
  if (!known) throw new Error("not a database handle made by db/client (openDb)");
  return known.driver === "postgres" ? known.pool : known.client;
}

/**
 * The PostgreSQL connection a transaction runs on (the one COPY must use to be part of it), or null on PGlite
 * (one in-process connection, no COPY FROM STDIN). Throws for a PostgreSQL handle that is not a transaction:
 * its pool would run each statement on any of its connections.
 */
export function connectionOf(tx: Db): PgConnection | null {
  if (driverOf(tx) === "pglite") return null;
  const client = sessionClientOf(tx);
  if (!connections.has(client as object)) throw new Error("connectionOf takes a transaction, not a database handle");
  return client as PgConnection;
}

/**
 * Listens for the transaction's connection failing (PostgreSQL), until the returned function is called. A
 * node-postgres connection that dies while checked out emits 'error', which ends the process when nobody listens.
 */
export function onConnectionError(tx: Db, listener: (err: Error) => void): () => void {
  const connection = connectionOf(tx);
  if (connection === null) return () => undefined;
  connection.on("error", listener);
  return () => void connection.removeListener("error", listener);
}

/** A new connection (not connected yet, not from the pool) with a PostgreSQL handle's settings; null on PGlite. */
export function newConnection(db: Db): pg.Client | null {
  const pool = poolOf(db);
  return pool === null ? null : new pg.Client(pool.options);
}

/**
 * A statement's rows, prepared once per connection on PostgreSQL (a named statement: for a query whose planning
 * costs more than running it) and run as it is on PGlite.
 */
export async function queryNamed<Row>(db: Db, name: string, text: string, values: unknown[]): Promise<Row[]> {
  const known = handles.get(db);
  if (!known) throw new Error("not a database handle made by db/client (openDb)");
  const result =
    known.driver === "postgres"
      ? await known.pool.query({ name, text, values })
      : await known.client.query<Row>(text, values);
  return result.rows as Row[];
}

/**
 * `COPY … FROM STDIN` on `connection`: the rows written to the stream go to the server with the socket's
 * back-pressure. Destroying the stream sends CopyFail (pg-copy-streams ≥ 6, public), after which the connection
 * can run the ROLLBACK. `rowCount` is the number of rows the server stored, set once the stream has finished
 * (pg-copy-streams 7.0.0: in its typings, not in its README).
 */
export function copyFromStdin(
  connection: PgConnection,
  statement: string,
  options?: WritableOptions,
): Writable & { readonly rowCount: number } {
  const stream = copyFrom(statement, options);
  connection.query(stream);
  return stream;
}

/** `COPY … TO STDOUT` on `connection`: the server's output as a stream, read at the reader's pace. */
export function copyToStdout(connection: PgConnection, statement: string): Readable {
  return connection.query(copyTo(statement));
}

const dialect = new PgDialect();

/**
 * A drizzle query as SQL text with its parameters written in as literals, for `COPY (query) TO STDOUT`, which
 * takes no bind parameters. The text and parameters come from drizzle's public `PgDialect#sqlToQuery`, the
 * strings are quoted by pg's `escapeLiteral`. Parameters may be strings (no NUL: PostgreSQL text cannot hold
 * one), finite numbers, bigints, booleans, null, and arrays of those. Throws when the text holds a `$n` that is
 * not one of drizzle's placeholders in order (a `$1` inside a raw piece of SQL would otherwise be replaced).
 */
export function inlineQuery(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  let next = 1;
  const inlined = text.replace(/\$(\d+)/g, (_, n: string) => {
    if (Number(n) !== next) throw new Error(`inlineQuery: $${n} in the query text is not parameter ${next}`);
    return literal(params[next++ - 1]);
  });
  if (next !== params.length + 1) throw new Error("inlineQuery: the query text does not use every parameter");
  return inlined;
}

function literal(value: unknown): string {
  if (value === null) return "NULL";
  if (typeof value === "string") {
    if (value.includes("\0")) throw new Error("inlineQuery: a text parameter holds NUL, which PostgreSQL refuses");
    return pg.escapeLiteral(value);
  }
  if (typeof value === "bigint") return value < 0n ? `(${value})` : String(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`inlineQuery: ${value} is not a finite number`);
    // In parentheses when negative: "x-$1" must not become "x--1", a comment.
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  // An empty ARRAY[] has no type; '{}' takes the type of its cast, as a bound empty array does.
  if (Array.isArray(value)) return value.length === 0 ? "'{}'" : `ARRAY[${value.map(literal).join(",")}]`;
  throw new Error(`inlineQuery: unexpected parameter (${typeof value})`);
}
