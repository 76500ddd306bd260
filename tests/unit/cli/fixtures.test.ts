/** The worked examples in shared/fixtures/scoring produce their expected.json exactly, through the CLI. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPcs } from "./run-pcs";
import { scoringFixturesDir } from "../../helpers/fixtures";

const fixturesDir = scoringFixturesDir;
const fixtures = fs
  .readdirSync(fixturesDir)
  .filter((name) => fs.existsSync(path.join(fixturesDir, name, "expected.json")));
// The rule set of each folder, as listed in the fixtures' README.
const RULES: Record<string, string> = { "exclusions-2026": "security-2026" };

describe.concurrent("scoring fixtures through `pcs score`", () => {
  it("finds the four worked examples", () => {
    expect(fixtures.sort()).toEqual(["exclusions-2026", "lost-customers", "max-enterprise", "smb-five"]);
  });

  it.each(fixtures)("%s", async (name) => {
    const dir = path.join(fixturesDir, name);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8"));
    const args = [
      "score",
      "--month",
      "2026-10",
      "--rules",
      RULES[name] ?? "security-2025",
      "--m365-basis",
      "any-month",
    ];
    for (const source of ["azure", "m365"]) {
      const file = path.join(dir, `${source}.csv`);
      if (fs.existsSync(file)) args.push(`--${source}`, file);
    }
    const run = await runPcs(args);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const actual = JSON.parse(run.stdout);
    expect(actual).toEqual(expected);
    // Key order as in SPEC §4.
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    expect(Object.keys(actual.tracks.smb)).toEqual(Object.keys(expected.tracks.smb));
  });
});
