/**
 * The hostile corpus through the readers alone (the end-to-end spec sends it through the upload route): each
 * file is refused naming its line (and the column, when one cell is at fault), or read whole.
 */
import { describe, expect, it } from "vitest";
import { readAzureUsage, readM365Licenses } from "@/lib/scoring";
import { hostileCorpus } from "../corpus/hostile-files";

describe("the hostile corpus through the readers", () => {
  const corpus = hostileCorpus();

  it("has at least 300 files of every kind the issue names", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const kinds = new Set(corpus.map((f) => f.kind));
    for (const kind of ["acr-overflow", "mau-overflow", "control-azure", "mixed-eol", "utf16", "azure-as-m365"])
      expect(kinds).toContain(kind);
    for (const kind of ["truncated-utf8-end", "huge-line", "100k-columns-header", "gzip", "future-month"])
      expect(kinds).toContain(kind);
  });

  it("every file meets its expectation", async () => {
    const counts: Record<string, number> = {};
    for (const file of corpus) {
      if (file.expect.outcome === "route") continue;
      const input = (async function* () {
        // In pieces, as a stream delivers them.
        for (let at = 0; at < file.bytes.length; at += 65_536) yield file.bytes.subarray(at, at + 65_536);
      })();
      const read = file.source === "azure" ? readAzureUsage : readM365Licenses;
      const result = await read(input, { file: file.name });
      const label = `${file.name}: ${JSON.stringify(result.ok ? "read" : result.errors.slice(0, 2))}`;
      if (file.expect.outcome === "refused") {
        expect(result.ok, label).toBe(false);
        if (result.ok) continue;
        expect(result.errors[0]!.message, label).toMatch(file.expect.message);
        expect(
          result.errors.every((e) => e.line !== null && e.line >= 1),
          label,
        ).toBe(true);
        if (file.expect.column !== undefined) expect(result.errors[0]!.column, label).toBe(file.expect.column);
      } else {
        expect(result.ok, label).toBe(true);
      }
      counts[file.expect.outcome] = (counts[file.expect.outcome] ?? 0) + 1;
    }
    console.log(`hostile corpus through the readers: ${JSON.stringify(counts)}`);
  });
});
