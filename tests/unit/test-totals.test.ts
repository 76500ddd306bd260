import { describe, expect, it } from "vitest";
import {
  checkTotals,
  playwrightTotals,
  selectLayers,
  totalsLine,
  vitestTotals,
  type LayerResult,
} from "../../scripts/testing/totals";

const ok = (passed: number) => ({
  numPassedTests: passed,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  testResults: [{ name: "a.test.ts", status: "passed", assertionResults: [{ status: "passed" }] }],
});

describe("npm test counts a vitest layer from its report and its exit code", () => {
  it("counts passed, failed and skipped tests as reported", () => {
    const r = vitestTotals(
      "unit",
      { numPassedTests: 7, numFailedTests: 2, numPendingTests: 1, numTodoTests: 1, testResults: [] },
      1,
    );
    expect(r).toMatchObject({ passed: 7, failed: 2, skipped: 2, reasons: [] });
  });

  it("counts a file that failed to load as a failure, even when other tests failed too", () => {
    const r = vitestTotals(
      "unit",
      {
        numPassedTests: 3,
        numFailedTests: 1,
        testResults: [
          { name: "ok.test.ts", status: "failed", assertionResults: [{ status: "failed" }, { status: "passed" }] },
          { name: "broken.test.ts", status: "failed", message: "SyntaxError: x\nat y", assertionResults: [] },
        ],
      },
      1,
    );
    expect(r.failed).toBe(2);
    expect(r.reasons).toEqual(["broken.test.ts failed outside its tests: SyntaxError: x"]);
  });

  it("counts a failure when the runner exits non-zero but reports none", () => {
    const r = vitestTotals("unit", ok(5), 1);
    expect(r).toMatchObject({ passed: 5, failed: 1 });
    expect(r.reasons[0]).toMatch(/exited with code 1 but counted no failure/);
  });

  it("counts a failure when the runner is killed by a signal", () => {
    expect(vitestTotals("unit", ok(5), null).failed).toBe(1);
  });

  it("counts a failure when no report was written or it is not JSON", () => {
    expect(vitestTotals("unit", undefined, 0)).toMatchObject({ passed: 0, failed: 1 });
    expect(vitestTotals("unit", undefined, 1).reasons[0]).toMatch(/no report was written \(runner exit code 1\)/);
  });

  it("counts a failure when the report holds no test at all, even with exit code 0", () => {
    const r = vitestTotals("unit", { numPassedTests: 0, numFailedTests: 0, testResults: [] }, 0);
    expect(r).toMatchObject({ passed: 0, failed: 1 });
    expect(r.reasons).toEqual(["the runner reported no tests at all"]);
  });

  it("passes a clean run with no reasons", () => {
    expect(vitestTotals("unit", ok(12), 0)).toEqual({ name: "unit", passed: 12, failed: 0, skipped: 0, reasons: [] });
  });
});

describe("npm test counts the Playwright layer from its report and its exit code", () => {
  it("counts expected and flaky as passed, unexpected as failed, skipped as skipped", () => {
    const r = playwrightTotals("e2e", { stats: { expected: 30, flaky: 1, unexpected: 2, skipped: 3 }, errors: [] }, 1);
    expect(r).toMatchObject({ passed: 31, failed: 2, skipped: 3, reasons: [] });
  });

  it("counts the top-level errors of a web server that did not start (all-zero stats)", () => {
    const r = playwrightTotals(
      "e2e",
      {
        stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 },
        errors: [
          {
            message:
              "Error: http://127.0.0.1:3100/api/health is already used, make sure that nothing is running on the port\nmore",
          },
        ],
      },
      1,
    );
    expect(r.failed).toBe(1);
    expect(r.reasons[0]).toMatch(/already used/);
  });

  it("counts a spec that throws while loading", () => {
    const r = playwrightTotals(
      "e2e",
      { stats: { expected: 10, unexpected: 0, flaky: 0, skipped: 0 }, errors: [{ message: "Error: boom at load" }] },
      1,
    );
    expect(r).toMatchObject({ passed: 10, failed: 1 });
  });

  it("counts a failure when Playwright exits non-zero with nothing counted and no errors listed", () => {
    const r = playwrightTotals("e2e", { stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 } }, 1);
    expect(r.failed).toBe(1);
    const s = playwrightTotals("e2e", { stats: { expected: 4, unexpected: 0, flaky: 0, skipped: 0 } }, 1);
    expect(s).toMatchObject({ passed: 4, failed: 1 });
  });

  it("counts a failure when the report is missing or has no stats", () => {
    expect(playwrightTotals("e2e", undefined, 1).failed).toBe(1);
    expect(playwrightTotals("e2e", {}, 0).failed).toBe(1);
  });
});

describe("the closing line", () => {
  const layer = (passed: number, failed: number, skipped = 0): LayerResult => ({
    name: "x",
    passed,
    failed,
    skipped,
    reasons: [],
  });

  it("adds every layer, and shows skipped tests only when there are some", () => {
    expect(totalsLine([layer(3, 0), layer(4, 1)])).toBe("7 passed, 1 failed");
    expect(totalsLine([layer(3, 0, 2), layer(4, 1)])).toBe("7 passed, 1 failed, 2 skipped");
  });

  it("is in the form CI reads", () => {
    expect(totalsLine([layer(10, 0)])).toMatch(/^\d+ passed, \d+ failed(, \d+ skipped)?$/);
  });

  it("counts a static check as one passed or one failed with its reason", () => {
    expect(checkTotals("lint", 0, "x")).toMatchObject({ passed: 1, failed: 0, reasons: [] });
    expect(checkTotals("lint", 1, "ESLint reported problems")).toMatchObject({
      passed: 0,
      failed: 1,
      reasons: ["ESLint reported problems"],
    });
  });
});

describe("--only", () => {
  it("runs every layer without it", () => {
    expect(selectLayers([])).toEqual([
      "format",
      "lint",
      "typecheck",
      "unit",
      "integration-pglite",
      "integration-postgres",
      "e2e",
    ]);
  });

  it("takes one layer, a list, the = form and 'static', in the usual order", () => {
    expect(selectLayers(["--only", "unit"])).toEqual(["unit"]);
    expect(selectLayers(["--only=e2e,unit"])).toEqual(["unit", "e2e"]);
    expect(selectLayers(["--only", "static"])).toEqual(["format", "lint", "typecheck"]);
  });

  it("refuses an unknown layer or argument, naming the choices", () => {
    expect(() => selectLayers(["--only", "integration"])).toThrow(/Unknown layer "integration".*integration-pglite/);
    expect(() => selectLayers(["--fast"])).toThrow(/Unknown argument/);
  });
});
