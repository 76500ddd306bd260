/**
 * Reads an organisation's stored rows into the engine's Aggregates for a recompute. The database does the heavy
 * part: it classifies every row with the rule set's own lists (the same tests, in the same order, as
 * Aggregates.addAzureRow / addM365Row) and sums per tenant × month (× workload), so only those totals cross the
 * wire — about one row per tenant-month instead of one per stored row. They arrive through a cursor in batches,
 * so the app never holds more than one batch of them.
 */
import type { Readable } from "node:stream";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { to as copyTo } from "pg-copy-streams";
import type { Db } from "@/db/client";
import type { Aggregates } from "@/lib/scoring";
import { pgConnectionOf } from "../imports/copy-rows";

const BATCH = 20_000;

/** A result row's values in the query's column order (text, or null). */
type Row = (string | null)[];

/**
 * Rows of `query` (its columns, in order, are `columns`), streamed: on PostgreSQL as `COPY (query) TO STDOUT` on the
 * transaction's connection (the cheapest way out of the server, parsed here line by line); on PGlite through a
 * cursor, `BATCH` rows at a time.
 */
async function forEachRow(
  tx: Db,
  name: string,
  query: SQL,
  columns: string[],
  onRow: (row: Row) => void,
): Promise<void> {
  // The per tenant-month hash table (~150 bytes a group: ~240 MB at 1.6M tenant-months) then fits in memory,
  // instead of a sort spilling to disk. For this transaction only.
  await tx.execute(sql`set local work_mem = '512MB'`);
  const connection = pgConnectionOf(tx);
  if (connection !== null) return copyRows(connection as unknown as CopyOutClient, query, onRow);
  // The planner otherwise optimises a cursor for its first 10% of rows; these are always read to the end.
  await tx.execute(sql`set local cursor_tuple_fraction = 1`);
  await tx.execute(sql`declare ${sql.identifier(name)} no scroll cursor for ${query}`);
  for (;;) {
    const result = (await tx.execute(sql.raw(`fetch ${BATCH} from ${name}`))) as unknown as {
      rows: Record<string, string | null>[];
    };
    for (const row of result.rows) onRow(columns.map((c) => row[c] ?? null));
    if (result.rows.length < BATCH) break;
  }
  await tx.execute(sql.raw(`close ${name}`));
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

async function copyRows(connection: CopyOutClient, query: SQL, onRow: (row: Row) => void): Promise<void> {
  const stream = connection.query(copyTo(`COPY (${inlined(query)}) TO STDOUT`));
  let rest = "";
  const line = (text: string) => {
    const fields: Row = text.split("\t");
    for (let i = 0; i < fields.length; i++) fields[i] = unescape(fields[i]!);
    onRow(fields);
  };
  stream.setEncoding("utf8");
  for await (const chunk of stream as AsyncIterable<string>) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop()!;
    for (const text of lines) line(text);
  }
  if (rest !== "") line(rest);
}

/** One array parameter (a plain JS array in a drizzle template would become a list of parameters). */
const texts = (values: Iterable<string>) => sql`${sql.param([...values])}::text[]`;
const micros = (value: string | null | undefined): bigint => (value == null ? 0n : BigInt(value));
const units = (value: string | null | undefined): number => (value == null ? 0 : Number(value));

export async function loadAzureTotals(tx: Db, aggregates: Aggregates, revisionIds: string[]): Promise<void> {
  if (revisionIds.length === 0) return;
  const rules = aggregates.ruleSet;
  // reason: 0 counts; 1 service, 2 offer, 3 association type, 4 duplicate (the first rule a row fails).
  const query = sql`
    select tenant_id::text as t, month as m, max(customer_name) filter (where customer_name <> '') as n,
           sum(acr_micros) filter (where reason = 0)::text as e,
           sum(acr_micros) filter (where reason = 1)::text as s,
           sum(acr_micros) filter (where reason = 2)::text as o,
           sum(acr_micros) filter (where reason = 3)::text as a,
           sum(acr_micros) filter (where reason = 4)::text as d
      from (select tenant_id, month, customer_name, acr_micros,
                   case when not service = any(${texts(rules.azureServices)}) then 1
                        when offer is not null and offer = any(${texts(rules.excludedOffers)}) then 2
                        when not association_type = any(${texts(rules.azureAssociationTypes)}) then 3
                        when duplicate then 4
                        else 0 end as reason
              from azure_usage where revision_id = any(${sql.param(revisionIds)}::uuid[])) r
     group by tenant_id, month`;
  await forEachRow(
    tx,
    "recompute_azure",
    query,
    ["t", "m", "n", "e", "s", "o", "a", "d"],
    ([t, m, n, e, s, o, a, d]) => {
      const excluded =
        s === null && o === null && a === null && d === null
          ? null
          : { service: micros(s), offer: micros(o), associationType: micros(a), duplicate: micros(d) };
      aggregates.addAzureTotals(t!, n ?? "", m!, micros(e), excluded);
    },
  );
}

export async function loadM365Totals(tx: Db, aggregates: Aggregates, revisionIds: string[]): Promise<void> {
  if (revisionIds.length === 0) return;
  const rules = aggregates.ruleSet;
  // w: the workload a name adds its units to (null: not an eligible workload); e: eligible association type.
  const query = sql`
    select tenant_id::text as t, month as m, w, max(customer_name) filter (where customer_name <> '') as n,
           sum(paid_units) filter (where w is not null and e)::text as u,
           sum(paid_units) filter (where w is null)::text as xw,
           sum(paid_units) filter (where w is not null and not e)::text as xa
      from (select l.tenant_id, l.month, l.customer_name, l.paid_units, wl.w,
                   l.association_type = any(${texts(rules.m365AssociationTypes)}) as e
              from m365_licences l
              left join unnest(${texts(rules.m365Workloads.keys())}, ${texts(rules.m365Workloads.values())}) as wl(name, w)
                on wl.name = l.workload
             where l.revision_id = any(${sql.param(revisionIds)}::uuid[])) r
     group by tenant_id, month, w`;
  await forEachRow(tx, "recompute_m365", query, ["t", "m", "w", "n", "u", "xw", "xa"], ([t, m, w, n, u, xw, xa]) => {
    const excluded = xw === null && xa === null ? null : { workload: units(xw), associationType: units(xa) };
    const eligible = u === null ? null : Number(u);
    aggregates.addM365Totals(t!, n ?? "", m!, eligible === null ? null : w!, eligible, excluded);
  });
}
