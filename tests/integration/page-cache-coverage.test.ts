/**
 * The rendered-page cache (server/page-cache) serves a stored dashboard or snapshot page while the fingerprint
 * (db/queries/page-fingerprint.ts, FINGERPRINT_SQL) is unchanged, so it is correct only while the fingerprint reads
 * every table those pages read. This test finds the database reads of each cached page (the db/queries functions
 * its files import, through its layouts and components and the session check), runs each of them against a
 * database that records every statement, and fails when a table they read is missing from the fingerprint — or
 * when a page reaches a query this test does not run yet.
 */
import fs from "node:fs";
import path from "node:path";
import { windowInputs } from "@/db/queries/qualification";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Db, DbHandle } from "@/db/client";
import { clientOf } from "@/db/driver";
import { dataFreshness } from "@/db/queries/data-freshness";
import { listManualScores } from "@/db/queries/manual-scores";
import { onboardingProgress } from "@/db/queries/onboarding";
import { findMembershipBySlug, listUserOrganizations } from "@/db/queries/organizations";
import { snapshotMonthExists } from "@/db/queries/page-exists";
import { FINGERPRINT_SQL } from "@/db/queries/page-fingerprint";
import { findSnapshotPreview, findSnapshotSummary, listSnapshots, listSnapshotTenants } from "@/db/queries/snapshots";
import { organizationRequiresTwoFactor } from "@/db/queries/two-factor";
import { loadLiveSession } from "@/db/queries/user-sessions";
import { findUserById } from "@/db/queries/users";
import * as schema from "@/db/schema";
import { generateDataset } from "@/lib/generator";
import { parseTenantQuery } from "@/lib/tenant-query";
import { settle, uploadFile } from "./helpers/imports";
import { seedOrg, seedSession } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Each cached page (lib/page-cache/routes.ts) as the files Next renders for it, outermost layout first. */
const PAGES = {
  dashboard: ["app/o/[slug]/layout.tsx", "app/o/[slug]/(overview)/page.tsx"],
  snapshot: [
    "app/o/[slug]/layout.tsx",
    "app/o/[slug]/snapshots/[month]/layout.tsx",
    "app/o/[slug]/snapshots/[month]/page.tsx",
  ],
};
/** Server modules a page's render runs (the session and membership check); other server modules are actions. */
const RENDER_SERVER_MODULES = /^server\/(session|session-user|two-factor-policy)\.ts$/;

/**
 * Tables a page reads that the fingerprint need not read, and why: the table is only ever written together with
 * one the fingerprint does read.
 */
const COVERED_BY: Record<string, string> = {
  // Written only by the recompute, in the transaction that inserts their snapshot (a new version every time).
  snapshot_tenants: "snapshots",
};

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (base === null) return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    if (fs.existsSync(base + ext) && fs.statSync(base + ext).isFile()) return base + ext;
  }
  return null;
}

/** The db/queries functions a page's files import, following its components and render-time server modules. */
function queriesOf(files: string[]): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string, entry: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    // A client component cannot read the database, and a server action does not run while the page renders.
    if (!entry && /^\s*["']use (client|server)["']/.test(text)) return;
    for (const m of text.matchAll(/^import\s+(type\s+)?([\s\S]*?)\s+from\s+["']([^"']+)["']/gm)) {
      if (m[1]) continue;
      const target = resolveImport(file, m[3]!);
      if (target === null) continue;
      const rel = path.relative(ROOT, target);
      if (rel.startsWith("db/queries/")) {
        for (const name of (/\{([\s\S]*)\}/.exec(m[2]!)?.[1] ?? "").split(",")) {
          const n = name.trim();
          if (n !== "" && !n.startsWith("type ")) found.add(n.split(/\s+as\s+/)[0]!);
        }
      } else if (/^(app|components)\//.test(rel) || RENDER_SERVER_MODULES.test(rel)) visit(target, false);
    }
  };
  for (const file of files) visit(path.join(ROOT, file), true);
  return found;
}

const TABLES = new Set(
  Object.values(schema)
    .filter((v) => is(v, PgTable))
    .map((t) => getTableName(t as PgTable)),
);

/** The tables a statement reads (names after FROM or JOIN that are tables of the schema). */
function tablesIn(text: string): Set<string> {
  const tables = new Set<string>();
  for (const m of text.matchAll(/\b(?:from|join)\s+"?([a-z_][a-z0-9_]*)"?/gi)) {
    const name = m[1]!.toLowerCase();
    if (TABLES.has(name)) tables.add(name);
  }
  return tables;
}

/** Records the text of every statement sent through the database handle's driver. */
function recordStatements(db: Db): { statements: string[]; stop: () => void } {
  const client = clientOf(db) as unknown as { query: (...args: unknown[]) => unknown };
  const original = client.query;
  const statements: string[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    statements.push(typeof first === "string" ? first : String((first as { text?: string })?.text ?? ""));
    return original.apply(this, args);
  };
  return { statements, stop: () => void (client.query = original) };
}

describe(`the page cache's fingerprint reads every table its pages read (${testDriver()})`, () => {
  let h: DbHandle;
  let world: Awaited<ReturnType<typeof seedOrg<"admin">>>;
  let month: string;

  beforeAll(async () => {
    h = await createTestDb();
    world = await seedOrg(h.db, { admin: "admin" });
    let azure = "";
    let m365 = "";
    await generateDataset(
      { tenants: 8, months: 14, seed: 5, toMonth: "2026-10" },
      { azure: (c) => void (azure += c), m365: (c) => void (m365 += c) },
    );
    const target = { organizationId: world.org.id, userId: world.users.admin.id };
    await settle(h.db, await uploadFile(h.db, target, "azure", azure, "2026-10"));
    await settle(h.db, await uploadFile(h.db, target, "m365", m365, "2026-10"));
    month = (await findSnapshotSummary(h.db, world.org.id))!.month;
  });
  afterAll(async () => h.close());

  /** How to run each query a cached page reaches, for the seeded organisation and its admin. */
  const runs: Record<string, (db: Db) => Promise<unknown>> = {
    findMembershipBySlug: (db) => findMembershipBySlug(db, world.users.admin.id, world.org.slug),
    listUserOrganizations: (db) => listUserOrganizations(db, world.users.admin.id),
    findUserById: (db) => findUserById(db, world.users.admin.id),
    loadLiveSession: async (db) => loadLiveSession(db, await seedSession(h.db, world.users.admin)),
    organizationRequiresTwoFactor: (db) => organizationRequiresTwoFactor(db, world.org.id),
    dataFreshness: (db) => dataFreshness(db, world.org.id),
    listManualScores: (db) => listManualScores(db, world.org.id, month),
    onboardingProgress: (db) => onboardingProgress(db, world.org.id),
    findSnapshotPreview: (db) => findSnapshotPreview(db, world.org.id),
    listSnapshots: (db) => listSnapshots(db, world.org.id),
    findSnapshotSummary: (db) => findSnapshotSummary(db, world.org.id, month),
    listSnapshotTenants: async (db) => {
      const snapshot = (await findSnapshotSummary(db, world.org.id, month))!;
      const query = parseTenantQuery({});
      return listSnapshotTenants(db, snapshot.id, { ...query, pageSize: query.size });
    },
    snapshotMonthExists: (db) => snapshotMonthExists(db, world.org.id, month),
    windowInputs: (db) => windowInputs(db, world.org.id, "2026-05", month),
  };

  it("finds the pages' queries in their files, and this test runs every one of them", () => {
    for (const [page, files] of Object.entries(PAGES)) {
      const queries = [...queriesOf(files)];
      expect(queries.length, page).toBeGreaterThan(4);
      const missing = queries.filter((q) => !(q in runs));
      expect(missing, `${page} reads through queries this test does not run yet: add them to \`runs\``).toEqual([]);
    }
  });

  for (const [page, files] of Object.entries(PAGES)) {
    it(`the ${page} page`, async () => {
      const fingerprinted = tablesIn(FINGERPRINT_SQL);
      const read = new Set<string>();
      for (const query of queriesOf(files)) {
        const recorder = recordStatements(h.db);
        try {
          await runs[query]!(h.db);
        } finally {
          recorder.stop();
        }
        const tables = new Set(recorder.statements.flatMap((s) => [...tablesIn(s)]));
        expect(tables.size, `${query} read no table`).toBeGreaterThan(0);
        for (const table of tables) read.add(table);
      }
      const uncovered = [...read].filter((t) => !fingerprinted.has(t) && !fingerprinted.has(COVERED_BY[t] ?? ""));
      expect(uncovered, `tables the ${page} page reads and the fingerprint does not`).toEqual([]);
      // The recording works: the page's own tables are among those read.
      expect(read).toContain("snapshots");
      expect(read).toContain("memberships");
    });
  }

  it("would fail for a table the fingerprint does not read", () => {
    expect(tablesIn(FINGERPRINT_SQL).has("audit_log")).toBe(false);
    expect(tablesIn("select 1 from audit_log a join users u on true")).toEqual(new Set(["audit_log", "users"]));
  });
});
