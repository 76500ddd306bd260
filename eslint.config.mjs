import next from "eslint-config-next/core-web-vitals";
import ts from "eslint-config-next/typescript";

/**
 * The layers import downward only (ARCHITECTURE.md, "Layers"): lib ← db ← server ← app, and components take only
 * lib (the forms they render receive their server actions as props). Paths are matched whether written with the
 * `@/` alias or relatively. tests/, scripts/, e2e/ and bench/ sit outside the layers and may import any of them;
 * so do proxy.ts and instrumentation.ts, which wire the app together. tests/unit/layers.test.ts proves each rule
 * fires. server/ also imports no drizzle-orm or db/schema values: SQL lives in db/queries.
 */
const layer = (...names) => `^(@/|(\\.\\./)+|\\./)(${names.join("|")})(/|$)`;
const restrict = (message, regex, allowTypeImports = false) => ({
  "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ regex, message, allowTypeImports }] }],
});

const serverLayer = { regex: layer("app", "components"), message: "server/ imports only lib/ and db/ (and itself)." };
/** server/ reaches the database through db/queries functions: no query builder, no tables (their types are fine). */
const sqlInDb = {
  regex: `^drizzle-orm(/|$)|${layer("db/schema")}`,
  allowTypeImports: true,
  message: "SQL lives in db/queries: call a db/queries/<topic>.ts function (import type is fine).",
};

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
  // The same rule again (it replaces the one above) with the SQL pattern; server/imports still queries directly
  // and joins when its SQL has moved.
  {
    files: ["server/**/*.{ts,tsx}"],
    ignores: ["server/imports/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [serverLayer, sqlInDb] }] },
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

const config = [
  ...next,
  ...ts,
  ...layerRules,
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
