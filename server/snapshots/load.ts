/**
 * Reads an organisation's stored rows for a recompute, a chunk of tenants at a time. The database does the heavy
 * part: it classifies every row with the rule set's own lists (the same tests, in the same order, as
 * Aggregates.addAzureRow / addM365Row) and sums per tenant × month (× workload), so only those totals cross the
 * wire — about one row per tenant-month instead of one per stored row — in tenant id order, each tenant's Azure
 * totals before its M365 totals. The app folds them into one small Aggregates per chunk of tenants, so it never
 * holds more than a chunk of them, however many tenants the organisation has.
 */
import type { Readable } from "node:stream";
import pg from "pg";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { to as copyTo } from "pg-copy-streams";
import type { Db } from "@/db/client";
import { Aggregates, type RuleSet } from "@/lib/scoring";
import { pgConnectionOf } from "../imports/copy-rows";

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
  const options = (db as unknown as { $client?: { options?: pg.PoolConfig } }).$client?.options;
  const connection = pgConnectionOf(tx);
  if (connection === null || options === undefined) return cursorReader(tx);
  const exported = (await tx.execute(sql`select pg_export_snapshot() as snapshot`)) as unknown as {
    rows: [{ snapshot: string }];
  };
  const { snapshot } = exported.rows[0];
  // Its own client rather than one of the pool's: a recompute never waits for a pool that recomputes have filled.
  const client = new pg.Client(options);
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
    rows: (query) => copyRows(client as unknown as CopyOutClient, query),
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

interface CopyOutClient {
  query(stream: Readable): Readable;
}

/** COPY cannot take bind parameters: the query's parameters (texts and text arrays) become quoted literals. */
function inlined(query: SQL): string {
  const { sql: text, params } = new PgDialect().sqlToQuery(query);
  const literal = (v: unknown): string => {
    if (Array.isArray(v)) return `ARRAY[${v.map(literal).join(",")}]`;
    if (typeof v !== "string") throw new Error(`unexpected parameter ${typeof v}`);
    return `'${v.replace(/'/g, "''")}'`;
  };
  return text.replace(/\$(\d+)/g, (_, i: string) => literal(params[Number(i) - 1]));
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
async function* copyRows(connection: CopyOutClient, query: SQL): AsyncGenerator<Row[]> {
  const stream = connection.query(copyTo(`COPY (${inlined(query)}) TO STDOUT`));
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

/** One array parameter (a plain JS array in a drizzle template would become a list of parameters). */
const texts = (values: Iterable<string>) => sql`${sql.param([...values])}::text[]`;
const micros = (value: string | null | undefined): bigint => (value == null ? 0n : BigInt(value));
const units = (value: string | null | undefined): number => (value == null ? 0 : Number(value));

/**
 * Both sources' totals in one statement, ordered by tenant (as a uuid: the order of its lower-case text, which is
 * how the engine sorts tenant ids), each tenant's Azure rows (k = 0) before its M365 rows (k = 1), as the CLI
 * reads its files (a customer name from both in one month: M365's wins).
 * Azure columns: v1 eligible, v2…v5 excluded by the first rule a row fails (service, offer, association type,
 * duplicate). M365 columns: w the workload a name adds its units to (null: not an eligible workload), v1 eligible
 * units, v2 units of names that are no eligible workload, v3 eligible workloads of other association types.
 */
function totalsQuery(rules: RuleSet, azure: string[], m365: string[]): SQL {
  const parts: SQL[] = [];
  if (azure.length > 0)
    parts.push(sql`
    select tenant_id, 0 as k, month, max(customer_name) filter (where customer_name <> '') as n, null::text as w,
           sum(acr_micros) filter (where reason = 0)::text as v1,
           sum(acr_micros) filter (where reason = 1)::text as v2,
           sum(acr_micros) filter (where reason = 2)::text as v3,
           sum(acr_micros) filter (where reason = 3)::text as v4,
           sum(acr_micros) filter (where reason = 4)::text as v5
      from (select tenant_id, month, customer_name, acr_micros,
                   case when not service = any(${texts(rules.azureServices)}) then 1
                        when offer is not null and offer = any(${texts(rules.excludedOffers)}) then 2
                        when not association_type = any(${texts(rules.azureAssociationTypes)}) then 3
                        when duplicate then 4
                        else 0 end as reason
              from azure_usage where revision_id = any(${sql.param(azure)}::uuid[])) r
     group by tenant_id, month`);
  if (m365.length > 0)
    parts.push(sql`
    select tenant_id, 1 as k, month, max(customer_name) filter (where customer_name <> '') as n, w,
           sum(paid_units) filter (where w is not null and e)::text as v1,
           sum(paid_units) filter (where w is null)::text as v2,
           sum(paid_units) filter (where w is not null and not e)::text as v3,
           null::text as v4, null::text as v5
      from (select l.tenant_id, l.month, l.customer_name, l.paid_units, wl.w,
                   l.association_type = any(${texts(rules.m365AssociationTypes)}) as e
              from m365_licences l
              left join unnest(${texts(rules.m365Workloads.keys())}, ${texts(rules.m365Workloads.values())}) as wl(name, w)
                on wl.name = l.workload
             where l.revision_id = any(${sql.param(m365)}::uuid[])) r
     group by tenant_id, month, w`);
  return sql`
    select x.tenant_id::text as t, x.k::text as k, x.month as m, x.n, x.w, x.v1, x.v2, x.v3, x.v4, x.v5
      from (${sql.join(parts, sql` union all `)}) x
     order by x.tenant_id, x.k`;
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
  for await (const rows of reader.rows(totalsQuery(ruleSet, revisions.azure, revisions.m365))) {
    for (const [t, k, m, n, w, v1, v2, v3, v4, v5] of rows) {
      if (t !== last) {
        // Only between tenants: every total of a tenant goes to one chunk.
        if (chunk.tenants.size >= tenantsPerChunk) {
          yield chunk;
          chunk = new Aggregates(ruleSet);
        }
        last = t!;
      }
      if (k === "0") {
        const excluded =
          v2 === null && v3 === null && v4 === null && v5 === null
            ? null
            : { service: micros(v2), offer: micros(v3), associationType: micros(v4), duplicate: micros(v5) };
        chunk.addAzureTotals(t!, n ?? "", m!, micros(v1), excluded);
      } else {
        const excluded = v2 === null && v3 === null ? null : { workload: units(v2), associationType: units(v3) };
        const eligible = v1 === null ? null : Number(v1);
        chunk.addM365Totals(t!, n ?? "", m!, eligible === null ? null : w!, eligible, excluded);
      }
    }
  }
  if (chunk.tenants.size > 0) yield chunk;
}
