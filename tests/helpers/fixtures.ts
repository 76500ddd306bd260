import fs from "node:fs";
import path from "node:path";

/**
 * The project's own worked examples (tests/fixtures/scoring): each folder holds the exports and the result the rules
 * give for them. They live in the repository so a clone with nothing beside it passes its tests.
 */
export const scoringFixturesDir = path.resolve(import.meta.dirname, "../fixtures/scoring");

export function scoringFixture(name: string, file: string): string {
  return path.join(scoringFixturesDir, name, file);
}

export function scoringFixtures(): { name: string; dir: string; azure?: string; m365?: string }[] {
  return fs
    .readdirSync(scoringFixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = path.join(scoringFixturesDir, d.name);
      const file = (n: string) => (fs.existsSync(path.join(dir, n)) ? path.join(dir, n) : undefined);
      return { name: d.name, dir, azure: file("azure.csv"), m365: file("m365.csv") };
    });
}
