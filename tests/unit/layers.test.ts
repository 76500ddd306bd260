import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layering rules of eslint.config.mjs fire: an upward import in each layer is an error, and the imports each
 * layer is allowed are not. Linted as text under a path in the layer (the files need not exist).
 */
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

const use = (names: string) => `\nexport const used = [${names}];\n`;

describe("layers import downward only (lib ← db ← server ← app; components take lib; SQL lives in db/queries)", () => {
  it.each([
    ["lib/scoring/x.ts", 'import { getDb } from "@/db/client";' + use("getDb")],
    ["lib/scoring/x.ts", 'import { getDb } from "../../db/client";' + use("getDb")],
    ["lib/x.ts", 'import { redirect } from "next/navigation";' + use("redirect")],
    ["lib/x.ts", 'import { sql } from "drizzle-orm";' + use("sql")],
    ["db/queries/x.ts", 'import { enqueueJob } from "@/server/jobs/queue";' + use("enqueueJob")],
    ["db/seed/x.ts", 'import { hashPassword } from "../../server/passwords";' + use("hashPassword")],
    ["server/x.ts", 'import { decideImport } from "@/app/o/[slug]/imports/actions";' + use("decideImport")],
    ["server/imports/x.ts", 'import { Button } from "../../components/ui/button";' + use("Button")],
    ["components/org/x.tsx", 'import { signOutAction } from "@/app/(auth)/actions";' + use("signOutAction")],
    ["components/org/x.tsx", 'import { getDb } from "@/db/client";' + use("getDb")],
    ["components/org/x.tsx", 'import { orgActions } from "@/server/actions";' + use("orgActions")],
  ])("refuses an upward import in %s: %s", async (file, code) => {
    expect(await layerErrors(file, code)).toHaveLength(1);
  });

  it("tells a server file that queries directly where SQL lives", async () => {
    expect(await boundaryErrors("server/x.ts", 'import { eq } from "drizzle-orm";' + use("eq"))).toEqual([
      expect.stringContaining("SQL lives in db/queries"),
    ]);
  });

  it.each([
    ["lib/scoring/x.ts", 'import { can } from "@/lib/permissions";' + use("can")],
    [
      "db/queries/x.ts",
      'import { can } from "@/lib/permissions";\nimport { users } from "../schema";' + use("can, users"),
    ],
    [
      "server/x.ts",
      'import { getDb } from "@/db/client";\nimport { can } from "@/lib/permissions";' + use("getDb, can"),
    ],
    [
      "server/jobs/x.ts",
      'import type { SQL } from "drizzle-orm";\nimport type { Job } from "@/db/schema";\nexport type J = [Job, SQL];',
    ],
    [
      "app/o/x.tsx",
      'import { orgActions } from "@/server/actions";\nimport { Button } from "@/components/ui/button";' +
        use("orgActions, Button"),
    ],
    [
      "components/org/x.tsx",
      'import type { User } from "@/db/schema";\nimport { can } from "@/lib/permissions";\nexport type U = User;' +
        use("can"),
    ],
    ["tests/integration/x.ts", 'import { orgActions } from "@/server/actions";' + use("orgActions")],
  ])("allows a downward import in %s: %s", async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});

/** Errors of the db boundary's rules (eslint.config.mjs, dbBoundaryRules): SQL and the driver stay in db/. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === "sql-in-db/no-restricted-imports" || m.ruleId === "driver-in-db/no-restricted-imports")
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe("SQL and the database driver stay in db/ (issue 13)", () => {
  it.each([
    ["server/imports/x.ts", 'import { eq } from "drizzle-orm";' + use("eq"), "sql-in-db"],
    ["server/x.ts", 'import { eq } from "drizzle-orm";' + use("eq"), "sql-in-db"],
    ["server/snapshots/x.ts", 'import { sql } from "drizzle-orm";' + use("sql"), "sql-in-db"],
    ["server/jobs/x.ts", 'import { jobs } from "@/db/schema";' + use("jobs"), "sql-in-db"],
    ["server/jobs/x.ts", 'import { jobs } from "../../db/schema/jobs";' + use("jobs"), "sql-in-db"],
    ["server/imports/x.ts", 'import { PgDialect } from "drizzle-orm/pg-core";' + use("PgDialect"), "sql-in-db"],
    ["server/imports/x.ts", 'import { imports } from "@/db/schema";' + use("imports"), "sql-in-db"],
    ["server/imports/x.ts", 'import { uploads } from "../../db/schema/uploads";' + use("uploads"), "sql-in-db"],
    ["server/snapshots/x.ts", 'import pg from "pg";' + use("pg"), "driver-in-db"],
    ["server/imports/x.ts", 'import { from } from "pg-copy-streams";' + use("from"), "driver-in-db"],
    ["app/x.ts", 'import { PGlite } from "@electric-sql/pglite";' + use("PGlite"), "driver-in-db"],
    ["proxy.ts", 'import pg from "pg";' + use("pg"), "driver-in-db"],
  ])("refuses in %s: %s", async (file, code, rule) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${rule}/`));
  });

  it("keeps the layers' own rule on the same file (the two add up)", async () => {
    const [result] = await eslint.lintText(
      'import { eq } from "drizzle-orm";\nimport { Button } from "../../components/ui/button";' + use("eq, Button"),
      { filePath: "server/imports/x.ts" },
    );
    expect(result!.messages.map((m) => m.ruleId).sort()).toEqual([
      "@typescript-eslint/no-restricted-imports",
      "sql-in-db/no-restricted-imports",
    ]);
  });

  it.each([
    ["server/imports/x.ts", 'import type { Import } from "@/db/schema";\nexport type I = Import;' + use("1")],
    ["server/imports/x.ts", 'import { findImportById } from "@/db/queries/imports";' + use("findImportById")],
    ["server/x.ts", 'import type { Pool } from "pg";\nexport type P = Pool;' + use("1")],
    ["db/driver-x.ts", 'import pg from "pg";\nimport { to } from "pg-copy-streams";' + use("pg, to")],
    ["tests/integration/x.ts", 'import pg from "pg";' + use("pg")],
    ["e2e/fixtures/x.ts", 'import pg from "pg";' + use("pg")],
    ["scripts/x.ts", 'import pg from "pg";' + use("pg")],
    ["bench/x.ts", 'import pg from "pg";' + use("pg")],
  ])("allows in %s: %s", async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
