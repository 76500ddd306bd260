import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The libraries whose internals the code reads (db/driver.ts, lib/scoring/readers/csv-records.ts, proxy.ts's page
 * cache) are pinned to the exact version that code was read against: package.json names one version, not a
 * range, node_modules holds that version, and ARCHITECTURE.md's "Library internals we rely on" names the library,
 * its version and the place that relies on it. An upgrade then fails here until someone re-reads that place.
 */
const root = path.resolve(import.meta.dirname, "../..");
const PINNED = ["drizzle-orm", "csv-parse", "pg-copy-streams", "next-auth"] as const;

const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const architecture = fs.readFileSync(path.join(root, "ARCHITECTURE.md"), "utf8");
/** The section's text, up to the next heading of the same or a higher level. */
const internals = /^## Library internals we rely on[^\n]*\n([\s\S]*?)(?=^#{1,2} |(?![\s\S]))/m.exec(architecture)?.[1];

describe("libraries whose internals we read are pinned exactly", () => {
  it("ARCHITECTURE.md has the section", () => {
    expect(internals, 'ARCHITECTURE.md lacks "## Library internals we rely on"').toBeTruthy();
  });

  it.each(PINNED)("%s", (name) => {
    const wanted = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
    expect(wanted, `${name} is not a dependency`).toBeDefined();
    expect(wanted, `${name} must be pinned to one version, not a range`).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    const installed = JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as {
      version: string;
    };
    expect(installed.version, `node_modules/${name} is not the pinned version`).toBe(wanted);
    expect(internals).toContain(`**${name} ${wanted}**`);
  });
});
