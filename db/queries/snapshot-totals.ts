/**
 * Reads an organisation's stored rows for a recompute, a chunk of tenants at a time. The database does the heavy
 * part: it runs the SQL generated from the rule set (lib/scoring/rules/totals-sql.ts: the same tests, in the same
 * order, as Aggregates.addAzureRow / addM365Row) and sums per tenant × month (× workload), so only those totals cross the
 * wire — about one row per tenant-month instead of one per stored row — in tenant id order, each tenant's Azure
 * totals before its M365 totals. The app folds them into one small Aggregates per chunk of tenants, so it never
 * holds more than a chunk of them, however many tenants the organisation has.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connectionOf, copyToStdout, inlineQuery, newConnection, type PgConnection } from "@/db/driver";
import { Aggregates, addTotalsRow, recomputeTotalsSql, type RuleSet } from "@/lib/scoring";

/** Rows per FETCH on PGlite (a cursor on the transaction's one connection). */
const BATCH = 20_000;

/** A result row's values in the query's column order (text, or null). */
type Row = (string | null)[];

/**
 * Where the totals are read from. On PostgreSQL, a connection of its own: the transaction's connection is busy
 * taking the tenant rows as one COPY stream while these arrive. It reads in a snapshot exported by the
 * transaction, so it sees exactly what the transaction sees.
 */
export interface TotalsReader {
  rows(query: SQL): AsyncGenerator<Row[]>;
  close(): Promise<void>;
}

/**
 * A reader for the recompute's transaction `tx` of `db`: a second PostgreSQL connection in the transaction's
 * snapshot when `db` is a node-postgres pool, otherwise (PGlite) a cursor on the transaction itself, which is
 * free between chunks because PGlite's tenant rows go as INSERTs.
 */
export async function openTotalsReader(db: Db, tx: Db): Promise<TotalsReader> {
  const client = newConnection(db);
  const connection = connectionOf(tx);
  if (connection === null || client === null) return cursorReader(tx);
  const exported = (await tx.execute(sql`select pg_export_snapshot() as snapshot`)) as unknown as {
    rows: [{ snapshot: string }];
  };
  const { snapshot } = exported.rows[0];
  // Its own client (newConnection) rather than one of the pool's: a recompute never waits for a pool that
  // recomputes have filled.
  // A connection lost while idle emits 'error'; the pending query then fails and the recompute with it.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("begin isolation level repeatable read read only");
    await client.query(`set transaction snapshot '${snapshot.replace(/'/g, "''")}'`);
    // The per tenant-month hash table (~150 bytes a group: ~240 MB at 1.6M tenant-months) then fits in memory,
    // instead of a sort spilling to disk; the sort by tenant that follows too. For this transaction only.
    await client.query("set local work_mem = '512MB'");
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return {
    rows: (query) => copyRows(client, query),
    // Nothing to commit (read only); a COPY still running when the recompute failed ends with the connection.
    close: () => client.end().catch(() => undefined),
  };
}

function cursorReader(tx: Db): TotalsReader {
  let cursors = 0;
  return {
    async *rows(query: SQL) {
      const name = `recompute_totals_${cursors++}`;
      await tx.execute(sql`set local work_mem = '512MB'`);
      // The planner otherwise optimises a cursor for its first 10% of rows; these are always read to the end.
      await tx.execute(sql`set local cursor_tuple_fraction = 1`);
      await tx.execute(sql`declare ${sql.identifier(name)} no scroll cursor for ${query}`);
      for (;;) {
        const result = (await tx.execute(sql.raw(`fetch ${BATCH} from ${name}`))) as unknown as {
          rows: Record<string, string | null>[];
        };
        if (result.rows.length > 0) yield result.rows.map((row) => Object.values(row));
        if (result.rows.length < BATCH) break;
      }
      await tx.execute(sql.raw(`close ${name}`));
    },
    close: async () => undefined,
  };
}

const ESCAPED: Record<string, string> = { t: "\t", n: "\n", r: "\r", b: "\b", f: "\f", v: "\v" };
/** COPY text format: \N is NULL; a backslash escapes the next character (\t, \n, \r, \\). */
const unescape = (field: string): string | null =>
  field === "\\N" ? null : field.includes("\\") ? field.replace(/\\(.)/g, (_, c: string) => ESCAPED[c] ?? c) : field;

/**
 * Rows of `query` as `COPY (query) TO STDOUT` (the cheapest way out of the server), parsed line by line and
 * handed on as the stream's chunks arrive: while the consumer works on a batch the stream is not read, so the
 * server waits rather than the app buffering.
 */
async function* copyRows(connection: PgConnection, query: SQL): AsyncGenerator<Row[]> {
  // COPY cannot take bind parameters: the query's parameters (texts and text arrays) become quoted literals.
  const stream = copyToStdout(connection, `COPY (${inlineQuery(query)}) TO STDOUT`);
  let rest = "";
  const parse = (text: string): Row => {
    const fields: Row = text.split("\t");
    for (let i = 0; i < fields.length; i++) fields[i] = unescape(fields[i]!);
    return fields;
  };
  stream.setEncoding("utf8");
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop()!;
      yield lines.map(parse);
    }
    if (rest !== "") yield [parse(rest)];
  } finally {
    // Left early (the recompute failed): stop the COPY; closing the connection ends it on the server.
    if (!stream.readableEnded) stream.destroy();
  }
}

/**
 * The rule set's totals query (generated in lib/scoring from its row tests) as a drizzle SQL: its text, with each
 * `$n` placeholder as the bound parameter n (arrays stay one parameter each).
 */
function totalsQuery(ruleSet: RuleSet, revisions: { azure: string[]; m365: string[] }): SQL {
  const { text, params } = recomputeTotalsSql(ruleSet, revisions);
  const pieces = text.split(/\$(\d+)/);
  return sql.join(pieces.map((piece, i) => (i % 2 === 0 ? sql.raw(piece) : sql.param(params[Number(piece) - 1]))));
}

/**
 * The totals of the active revisions `azure` and `m365`, as one Aggregates per run of at least `tenantsPerChunk`
 * tenants (all of a tenant's totals in the same one), in tenant id order. A chunk is handed on before the next is
 * read: the caller scores and writes it, and the memory goes with it.
 */
export async function* tenantChunks(
  reader: TotalsReader,
  ruleSet: RuleSet,
  revisions: { azure: string[]; m365: string[] },
  tenantsPerChunk: number,
): AsyncGenerator<Aggregates> {
  if (revisions.azure.length === 0 && revisions.m365.length === 0) return;
  let chunk = new Aggregates(ruleSet);
  let last = "";
  for await (const rows of reader.rows(totalsQuery(ruleSet, revisions))) {
    for (const row of rows) {
      const t = row[0]!;
      if (t !== last) {
        // Only between tenants: every total of a tenant goes to one chunk.
        if (chunk.tenants.size >= tenantsPerChunk) {
          yield chunk;
          chunk = new Aggregates(ruleSet);
        }
        last = t;
      }
      addTotalsRow(chunk, row);
    }
  }
  if (chunk.tenants.size > 0) yield chunk;
}
