import fs from "node:fs";
import path from "node:path";

/**
 * The project's shared folder (spec and worked examples) sits beside the repository: `../shared`. SHARED_DIR
 * overrides it.
 */
export function sharedDir(): string {
  const candidates = [process.env.SHARED_DIR, path.resolve(import.meta.dirname, "../../../shared"), "/work/shared"];
  const found = candidates.find((c) => c && fs.existsSync(path.join(c, "fixtures", "scoring")));
  if (!found)
    throw new Error("The shared fixtures were not found: set SHARED_DIR to the folder holding fixtures/scoring.");
  return found;
}

export function scoringFixtures(): { name: string; dir: string; azure?: string; m365?: string }[] {
  const root = path.join(sharedDir(), "fixtures", "scoring");
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = path.join(root, d.name);
      const file = (n: string) => (fs.existsSync(path.join(dir, n)) ? path.join(dir, n) : undefined);
      return { name: d.name, dir, azure: file("azure.csv"), m365: file("m365.csv") };
    });
}
