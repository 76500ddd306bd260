/**
 * How `npm test` counts a layer. A count comes from the runner's report AND its exit code, so a layer can never
 * pass by not running: a missing or empty report, a runner that exited non-zero with no failure counted, a test file
 * that failed to load, or errors outside any test (Playwright's top-level `errors`) each count as a failure, with the
 * reason kept for the summary. Pure: the reports are passed in, so tests/unit/test-totals.test.ts can prove each case.
 */

export interface LayerResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Why failures were counted that no test reported (empty when every failure is a test's). */
  reasons: string[];
}

/** The parts of vitest's JSON reporter output we read. */
export interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  numTotalTests?: number;
  testResults?: { name?: string; status?: string; message?: string; assertionResults?: { status?: string }[] }[];
}

/** The parts of Playwright's JSON reporter output we read. */
export interface PlaywrightReport {
  stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
  errors?: { message?: string }[];
}

const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0);

/** Adds the failures that the exit code and the report's shape imply, with their reasons. */
function settle(r: LayerResult, exitCode: number | null): LayerResult {
  if (r.passed + r.failed + r.skipped === 0) {
    r.failed += 1;
    r.reasons.push("the runner reported no tests at all");
  } else if (exitCode !== 0 && r.failed === 0) {
    r.failed += 1;
    r.reasons.push(
      exitCode === null
        ? "the runner was killed by a signal"
        : `the runner exited with code ${exitCode} but counted no failure`,
    );
  }
  return r;
}

function missing(name: string, exitCode: number | null, what: string): LayerResult {
  return {
    name,
    passed: 0,
    failed: 1,
    skipped: 0,
    reasons: [`${what} (runner exit code ${exitCode ?? "signal"})`],
  };
}

/** `report` is the parsed JSON file, or undefined when the runner wrote none (or it did not parse). */
export function vitestTotals(name: string, report: VitestReport | undefined, exitCode: number | null): LayerResult {
  if (!report || typeof report !== "object") return missing(name, exitCode, "no report was written");
  const r: LayerResult = {
    name,
    passed: n(report.numPassedTests),
    failed: n(report.numFailedTests),
    skipped: n(report.numPendingTests) + n(report.numTodoTests),
    reasons: [],
  };
  // A file that fails to load (a syntax error, a throw at import) has status "failed" and no failed test in it.
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === "failed").length;
    if (file.status === "failed" && failedTests === 0) {
      r.failed += 1;
      const first = (file.message ?? "").split("\n")[0]?.slice(0, 200);
      r.reasons.push(`${file.name ?? "a test file"} failed outside its tests${first ? `: ${first}` : ""}`);
    }
  }
  return settle(r, exitCode);
}

export function playwrightTotals(
  name: string,
  report: PlaywrightReport | undefined,
  exitCode: number | null,
): LayerResult {
  if (!report || typeof report !== "object" || !report.stats) return missing(name, exitCode, "no report was written");
  const s = report.stats;
  const r: LayerResult = {
    name,
    passed: n(s.expected) + n(s.flaky),
    failed: n(s.unexpected),
    skipped: n(s.skipped),
    reasons: [],
  };
  // Errors outside any test: a web server that did not start, a spec that throws while loading, global set-up.
  for (const e of report.errors ?? []) {
    r.failed += 1;
    r.reasons.push((e.message ?? "an error outside the tests").split("\n")[0]!.slice(0, 200));
  }
  return settle(r, exitCode);
}

/** A check with no test count of its own (lint, type check, format): one passed or one failed. */
export function checkTotals(name: string, exitCode: number | null, reason: string): LayerResult {
  return exitCode === 0
    ? { name, passed: 1, failed: 0, skipped: 0, reasons: [] }
    : { name, passed: 0, failed: 1, skipped: 0, reasons: [reason] };
}

export function notRun(name: string, reason: string): LayerResult {
  return { name, passed: 0, failed: 1, skipped: 0, reasons: [reason] };
}

/** The closing line: `N passed, N failed`, with `, N skipped` when any test was skipped. */
export function totalsLine(layers: LayerResult[]): string {
  const sum = (k: "passed" | "failed" | "skipped") => layers.reduce((t, l) => t + l[k], 0);
  const skipped = sum("skipped");
  return `${sum("passed")} passed, ${sum("failed")} failed${skipped ? `, ${skipped} skipped` : ""}`;
}

export function summary(layers: LayerResult[]): string[] {
  const lines = ["Test totals by layer:"];
  for (const l of layers) {
    const skipped = l.skipped ? `, ${l.skipped} skipped` : "";
    lines.push(`  ${l.name.padEnd(24)} ${l.passed} passed, ${l.failed} failed${skipped}`);
    for (const why of l.reasons) lines.push(`    ✗ ${why}`);
  }
  return lines;
}

export const LAYERS = [
  "format",
  "lint",
  "typecheck",
  "unit",
  "integration-pglite",
  "integration-postgres",
  "e2e",
] as const;
export type LayerName = (typeof LAYERS)[number];

/**
 * `--only unit,e2e` (or `--only=unit`; `static` means format, lint and typecheck). No `--only`: every layer.
 * Throws with the list of names on an unknown one.
 */
export function selectLayers(argv: string[]): LayerName[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--only") values.push(argv[++i] ?? "");
    else if (a.startsWith("--only=")) values.push(a.slice("--only=".length));
    else throw new Error(`Unknown argument "${a}". Use --only ${[...LAYERS, "static"].join("|")}.`);
  }
  if (values.length === 0) return [...LAYERS];
  const wanted = new Set<LayerName>();
  for (const v of values.flatMap((s) => s.split(","))) {
    if (v === "static") ["format", "lint", "typecheck"].forEach((l) => wanted.add(l as LayerName));
    else if ((LAYERS as readonly string[]).includes(v)) wanted.add(v as LayerName);
    else throw new Error(`Unknown layer "${v}". Use --only ${[...LAYERS, "static"].join("|")}.`);
  }
  return LAYERS.filter((l) => wanted.has(l));
}
