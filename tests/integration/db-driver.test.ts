import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";
import type { Db, DbHandle } from "@/db/client";
import {
  clientOf,
  connectionOf,
  copyFromStdin,
  copyToStdout,
  driverOf,
  inlineQuery,
  onConnectionError,
  poolOf,
} from "@/db/driver";
import { createTestDb, testDriver } from "./helpers/test-db";

/**
 * db/driver.ts is the one module that reads past the public APIs of drizzle-orm, pg and pg-copy-streams. These
 * tests pin down what it promises on the driver the run uses, so that a library upgrade that changes what it
 * reads fails here first.
 */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The first row's first column of `query` run with bound parameters, and of its inlined text run as SQL. */
async function both(db: Db, query: SQL): Promise<[unknown, unknown]> {
  const bound = rowsOf<Record<string, unknown>>(await db.execute(query))[0]!;
  const inlined = rowsOf<Record<string, unknown>>(await db.execute(sql.raw(inlineQuery(query))))[0]!;
  return [Object.values(bound)[0], Object.values(inlined)[0]];
}

describe(`db/driver.ts: the one module that knows the driver (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  it("knows a handle made by another copy of the module (Next loads db/ once per bundle in one process)", async () => {
    vi.resetModules();
    const other = await import("@/db/driver");
    expect(other.driverOf).not.toBe(driverOf); // a second copy of the module, as Next's bundles have
    expect(other.driverOf(h.db)).toBe(testDriver());
    await h.db.transaction(async (tx) => {
      expect(other.driverOf(tx)).toBe(testDriver());
    });
  });

  it("driverOf answers for a handle made by openDb, for its transactions and their savepoints", async () => {
    expect(driverOf(h.db)).toBe(testDriver());
    await h.db.transaction(async (tx) => {
      expect(driverOf(tx)).toBe(testDriver());
      await tx.transaction(async (nested) => expect(driverOf(nested)).toBe(testDriver()));
    });
  });

  it("driverOf throws for a plain object and for a drizzle instance openDb did not make", () => {
    expect(() => driverOf({} as Db)).toThrow(/not a database handle/);
    expect(() => driverOf(null as unknown as Db)).toThrow(/not a database handle/);
    const foreign = (testDriver() === "postgres"
      ? drizzlePg(clientOf(h.db) as Pool)
      : drizzlePglite(clientOf(h.db) as PGlite)) as unknown as Db;
    expect(() => driverOf(foreign)).toThrow(/not a database handle/);
    expect(() => poolOf(foreign)).toThrow(/not a database handle/);
  });

  it("poolOf gives the pool behind a PostgreSQL handle, and null for PGlite and for a transaction", async () => {
    const pool = poolOf(h.db);
    if (testDriver() === "postgres") {
      expect(pool).toBe(clientOf(h.db));
      const { rows } = await pool!.query<{ one: number }>("select 1 as one");
      expect(rows[0]!.one).toBe(1);
    } else expect(pool).toBeNull();
    await h.db.transaction(async (tx) => expect(poolOf(tx)).toBeNull());
  });

  it("connectionOf gives the transaction's own connection (null on PGlite); a handle is refused", async () => {
    await h.db.transaction(async (tx) => {
      const connection = connectionOf(tx);
      if (testDriver() === "pglite") {
        expect(connection).toBeNull();
        return;
      }
      const [{ id }] = rowsOf<{ id: string }>(await tx.execute(sql`select txid_current()::text as id`));
      const own = await connection!.query<{ id: string }>("select txid_current()::text as id");
      expect(own.rows[0]!.id).toBe(id);
      // What the transaction made is visible on the connection, and the other way round.
      await tx.execute(sql`create temp table driver_probe (n int) on commit drop`);
      await connection!.query("insert into driver_probe values (1), (2)");
      const [{ n }] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from driver_probe`));
      expect(n).toBe(2);
    });
    if (testDriver() === "postgres") expect(() => connectionOf(h.db)).toThrow(/transaction/);
    else expect(connectionOf(h.db)).toBeNull();
  });

  it("onConnectionError listens on the transaction's connection until it is told to stop", async () => {
    await h.db.transaction(async (tx) => {
      const listener = () => undefined;
      const stop = onConnectionError(tx, listener);
      const connection = connectionOf(tx);
      if (connection) expect(connection.listeners("error")).toContain(listener);
      stop();
      if (connection) expect(connection.listeners("error")).not.toContain(listener);
    });
  });

  if (testDriver() === "postgres") {
    it("COPY FROM STDIN runs in the transaction, counts its rows, and a destroyed one leaves it usable", async () => {
      await h.db
        .transaction(async (tx) => {
          await tx.execute(sql`create temp table copy_probe (n int, t text) on commit drop`);
          const stream = copyFromStdin(connectionOf(tx)!, "COPY copy_probe (n, t) FROM STDIN");
          const finished = new Promise((resolve, reject) => stream.on("finish", resolve).on("error", reject));
          stream.end("1\ta\\tb\n2\t\\N\n");
          await finished;
          expect(stream.rowCount).toBe(2);
          const rows = rowsOf<{ n: number; t: string | null }>(
            await tx.execute(sql`select n, t from copy_probe order by n`),
          );
          expect(rows).toEqual([
            { n: 1, t: "a\tb" },
            { n: 2, t: null },
          ]);

          const failed = copyFromStdin(connectionOf(tx)!, "COPY copy_probe (n, t) FROM STDIN");
          failed.on("error", () => undefined);
          failed.write("3\tc\n");
          const closed = new Promise((resolve) => failed.on("close", resolve));
          failed.destroy(new Error("stop"));
          await closed;
        })
        .catch(() => undefined); // the CopyFail aborts the transaction: its ROLLBACK must still run
      const [{ one }] = rowsOf<{ one: number }>(await h.db.execute(sql`select 1 as one`));
      expect(one).toBe(1);
    });

    it("COPY TO STDOUT of an inlined query gives the parameterised query's rows", async () => {
      const query = sql`select x, ${"it's"}::text as t from generate_series(1, ${3}::int) as x order by x`;
      const bound = rowsOf<{ x: number; t: string }>(await h.db.execute(query)).map((r) => `${r.x}\t${r.t}`);
      const client = await poolOf(h.db)!.connect();
      try {
        let text = "";
        for await (const chunk of copyToStdout(client, `COPY (${inlineQuery(query)}) TO STDOUT`)) text += chunk;
        expect(text.trimEnd().split("\n")).toEqual(bound);
      } finally {
        client.release();
      }
    });
  }

  it("inlineQuery writes hostile strings as literals that read back exactly", async () => {
    const hostile = [
      "",
      "plain",
      "it's",
      "''",
      "'; drop table organizations; --",
      "back\\slash",
      "\\'",
      "E'\\x41'",
      "ends with \\",
      "$1 $2 $$ $tag$",
      "/* comment */ -- line",
      'double "quotes"',
      "tab\tnew\nline\rreturn",
      "ünïcødé ✓ 😀",
    ];
    for (const value of hostile) {
      const [bound, inlined] = await both(h.db, sql`select ${value}::text as v`);
      expect(inlined).toBe(value);
      expect(bound).toBe(value);
    }
  });

  it("inlineQuery refuses NUL, a text PostgreSQL cannot hold", () => {
    expect(() => inlineQuery(sql`select ${"a\0b"}::text`)).toThrow(/NUL/);
  });

  it("inlineQuery writes numbers, bigints, booleans, null and arrays as the bound query reads them", async () => {
    for (const n of [0, 1, -1, 1.5, -2.25, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      const [bound, inlined] = await both(h.db, sql`select (${n}::numeric)::text as v`);
      expect(inlined).toBe(bound);
      expect(Number(inlined)).toBe(n);
    }
    for (const n of [0n, 2n ** 63n - 1n, -(2n ** 63n), 12345678901234567890n]) {
      const [, inlined] = await both(h.db, sql`select (${n.toString()}::numeric)::text as v`);
      expect(inlined).toBe(n.toString());
      const direct = rowsOf<{ v: string }>(
        await h.db.execute(sql.raw(inlineQuery(sql`select (${n})::numeric::text as v`))),
      );
      expect(direct[0]!.v).toBe(n.toString());
    }
    // "5-$1" must not become "5--3", a comment.
    const minus = rowsOf<{ v: number }>(await h.db.execute(sql.raw(inlineQuery(sql`select 5-${-3} as v`))));
    expect(Number(minus[0]!.v)).toBe(8);
    expect(await both(h.db, sql`select (${true})::boolean as v`)).toEqual([true, true]);
    expect(await both(h.db, sql`select (${null})::text as v`)).toEqual([null, null]);
    const texts = ["a", "it's", "back\\slash", ""];
    const [bound, inlined] = await both(h.db, sql`select array_to_json(${sql.param(texts)}::text[])::text as v`);
    expect(inlined).toBe(bound);
    expect(JSON.parse(inlined as string)).toEqual(texts);
    expect(await both(h.db, sql`select cardinality(${sql.param([])}::uuid[]) as v`)).toEqual([0, 0]);
    expect(() => inlineQuery(sql`select ${Number.NaN}`)).toThrow(/finite/);
    expect(() => inlineQuery(sql`select ${new Date(0)}`)).toThrow(/unexpected parameter/);
  });

  it("inlineQuery refuses a $n in the text that is not drizzle's placeholder", () => {
    expect(() => inlineQuery(sql`select '$1' as a, ${"x"}::text as b`)).toThrow(/not parameter/);
    expect(() => inlineQuery(sql.raw("select '$2'"))).toThrow(/not parameter/);
  });
});
