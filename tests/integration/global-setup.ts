import pg from "pg";

/**
 * Decides where this integration run's database lives. With TEST_DB_DRIVER=postgres a fresh
 * database is created on the server in TEST_DATABASE_URL (or DATABASE_URL) and dropped afterwards;
 * otherwise each test file opens its own in-memory PGlite.
 */
export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const driver = process.env.TEST_DB_DRIVER === "postgres" ? "postgres" : "pglite";
  console.log(`\nIntegration suite running on ${driver === "postgres" ? "PostgreSQL" : "PGlite"}.`);
  if (driver === "pglite") {
    provide("testDatabaseUrl", "");
    return;
  }
  const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DB_DRIVER=postgres needs TEST_DATABASE_URL or DATABASE_URL.");
  const name = `pcp_it_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  provide("testDatabaseUrl", url.toString());
  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}
