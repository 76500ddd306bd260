import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb, pingDb } from "@/db/migrate";
import { describeConnectionError } from "@/db/startup";
import { createTestDb, testDriver } from "./helpers/test-db";
import { organizations } from "@/db/schema";
import { inject } from "vitest";

describe(`database layer (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  it("opens the driver the run asked for and answers a round-trip", async () => {
    expect(handle.driver).toBe(testDriver());
    expect(await pingDb(handle)).toBeGreaterThanOrEqual(0);
  });

  it("applies every migration, so the schema's tables exist", async () => {
    const slug = `org-${Date.now()}`;
    await handle.db.insert(organizations).values({ slug, name: "Contoso" });
    const rows = await handle.db.select().from(organizations);
    expect(rows.find((r) => r.slug === slug)?.ruleSet).toBe("security-2025");
  });

  it("running the migrations again is a no-op", async () => {
    await migrateDb(handle);
    const res = await handle.db.execute(sql`select count(*)::int as n from organizations`);
    expect(Number((res as unknown as { rows: { n: number }[] }).rows[0]!.n)).toBeGreaterThanOrEqual(1);
  });

  it("stores uploaded bytes lz4-compressed where the server has lz4, and with the default where it has not", async () => {
    const res = await handle.db.execute(
      sql`select attcompression::text as c from pg_attribute where attrelid = 'upload_chunks'::regclass and attname = 'data'`,
    );
    const compression = (res as unknown as { rows: { c: string }[] }).rows[0]!.c;
    // 'l' is lz4; '' is the server's default (pglz). Debian's PostgreSQL is built with lz4, PGlite without.
    expect(compression).toBe(testDriver() === "postgres" ? "l" : "");
  });

  // Only a server can have two instances; on PGlite this case does not exist (one process per folder).
  if (testDriver() === "postgres") {
    it("two instances migrating at once both succeed (advisory lock)", async () => {
      const url = inject("testDatabaseUrl");
      const [a, b] = await Promise.all([openDb({ databaseUrl: url }), openDb({ databaseUrl: url })]);
      await expect(Promise.all([migrateDb(a), migrateDb(b)])).resolves.toBeDefined();
      await Promise.all([a.close(), b.close()]);
    });
  }

  it("an unreachable DATABASE_URL is described in one sentence naming host and variable", async () => {
    const bad = "postgres://postgres@127.0.0.1:1/nothing";
    const h = await openDb({ databaseUrl: bad });
    const err = await pingDb(h).catch((e) => e);
    await h.close();
    const msg = describeConnectionError(err, bad);
    expect(msg).toMatch(/^Cannot reach the database at 127\.0\.0\.1:1 \(DATABASE_URL\): .*ECONNREFUSED/);
    expect(msg.split("\n")).toHaveLength(1);
  });
});
