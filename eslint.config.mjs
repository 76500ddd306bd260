import next from "eslint-config-next/core-web-vitals";
import ts from "eslint-config-next/typescript";

/**
 * The layers import downward only (ARCHITECTURE.md, "Layers"): lib ← db ← server ← app, and components take only
 * lib (the forms they render receive their server actions as props). Paths are matched whether written with the
 * `@/` alias or relatively. tests/, scripts/, e2e/ and bench/ sit outside the layers and may import any of them;
 * so do proxy.ts and instrumentation.ts, which wire the app together. tests/unit/layers.test.ts proves each rule
 * fires. SQL and the driver stay in db/: see dbBoundaryRules below.
 */
const layer = (...names) => `^(@/|(\\.\\./)+|\\./)(${names.join("|")})(/|$)`;
const restrict = (message, regex, allowTypeImports = false) => ({
  "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ regex, message, allowTypeImports }] }],
});

const serverLayer = { regex: layer("app", "components"), message: "server/ imports only lib/ and db/ (and itself)." };
export const layerRules = [
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: layer("db", "server", "app", "components"),
              message: "lib/ is pure: it imports nothing of db/, server/, app/ or components/.",
            },
            {
              regex: "^(next|next-auth|drizzle-orm|pg|@electric-sql/pglite|react|react-dom)(/|$)",
              message: "lib/ is pure: no Next.js, React or database library here.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["db/**/*.ts"],
    rules: restrict("db/ imports only lib/ (and itself).", layer("server", "app", "components")),
  },
  {
    files: ["server/**/*.{ts,tsx}"],
    rules: restrict(serverLayer.message, serverLayer.regex),
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: layer("app", "server", "db"),
              allowTypeImports: true,
              message:
                "components/ import lib/ (and types of the data they show): pass server actions and data in as props.",
            },
          ],
        },
      ],
    },
  },
];

/**
 * db/ is the only place that knows the driver and writes SQL (ARCHITECTURE.md, "Databases"; issue 13). server/
 * orchestrates only: its SQL is in db/queries, so it imports neither drizzle-orm nor the schema's tables (types
 * are fine). Outside db/, nothing imports the driver packages (pg, pg-copy-streams, PGlite)
 * but their types; tests/, e2e/, scripts/ and bench/ run databases of their own and may. Each is the layers' rule
 * under a plugin name of its own ("sql-in-db", "driver-in-db"), so that its patterns add to the other rules on a
 * file instead of replacing them (ESLint keeps only the last options given to one rule). tests/unit/layers.test.ts
 * proves both fire.
 */
const tsPlugin = ts.find((c) => c.plugins?.["@typescript-eslint"]).plugins["@typescript-eslint"];
const restrictAs = (name, regex, message) => ({
  plugins: { [name]: tsPlugin },
  rules: { [`${name}/no-restricted-imports`]: ["error", { patterns: [{ regex, message, allowTypeImports: true }] }] },
});

export const dbBoundaryRules = [
  {
    files: ["server/**/*.{ts,tsx}"],
    ...restrictAs(
      "sql-in-db",
      `^drizzle-orm(/|$)|${layer("db/schema")}`,
      "SQL lives in db/queries: call a db/queries/<topic>.ts function (import type is fine).",
    ),
  },
  {
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["db/**", "tests/**", "e2e/**", "scripts/**", "bench/**"],
    ...restrictAs(
      "driver-in-db",
      "^(pg|pg-copy-streams|@electric-sql/pglite)(/|$)",
      "Only db/ knows the database driver: ask db/driver.ts or db/queries (import type is fine).",
    ),
  },
];

const config = [
  ...next,
  ...ts,
  ...layerRules,
  ...dbBoundaryRules,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];
export default config;
