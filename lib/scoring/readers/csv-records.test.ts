/**
 * csv-records.ts reads past csv-parse's public API (csv-parse 7.0.3, pinned): its fast path copies csv-parse's
 * look-ahead (LOOKAHEAD), RecordParser takes records from `push`, and crlfFile reads `options.record_delimiter`.
 * These tests fail when the installed csv-parse no longer behaves as that code assumes.
 */
import { describe, expect, it } from "vitest";
import { Parser } from "csv-parse";
import { tenant } from "../test-support";
import type { AzureRow } from "../types";
import { readAzureUsage } from "./azure-reader";
import { LOOKAHEAD, RecordParser } from "./csv-records";

/** The records a RecordParser gives for `chunks` written one by one, and how many had come after each write. */
async function parse(chunks: (string | Buffer)[], options: ConstructorParameters<typeof Parser>[0] = {}) {
  const records: { record: string[]; lines: number }[] = [];
  const afterWrite: number[] = [];
  const parser = new RecordParser((record, lines) => records.push({ record, lines }), {
    relax_column_count: true,
    ...options,
  });
  parser.resume();
  const ended = new Promise((resolve) => parser.on("end", resolve));
  for (const chunk of chunks) {
    parser.write(chunk);
    afterWrite.push(records.length);
  }
  parser.end();
  await ended;
  return { records, afterWrite, parser };
}

describe("csv-parse behaves as csv-records.ts assumes (csv-parse 7.0.3)", () => {
  it(`holds back the last ${LOOKAHEAD} bytes of a write: a record is parsed once ${LOOKAHEAD} bytes follow its end`, async () => {
    for (let extra = 0; extra <= LOOKAHEAD + 2; extra++) {
      const { records, afterWrite } = await parse([`a,b\nc,d\n${"efghij".slice(0, extra)}`]);
      // "a,b" is followed by more than LOOKAHEAD bytes; "c,d" only once `extra` reaches it.
      expect(afterWrite[0], `with ${extra} bytes after the last line break`).toBe(extra >= LOOKAHEAD ? 2 : 1);
      expect(records.slice(0, 2).map((r) => r.record)).toEqual([
        ["a", "b"],
        ["c", "d"],
      ]);
    }
  });

  it("hands each record to push with info.lines counted up to the line where it ends", async () => {
    const { records } = await parse(['h1,h2\nx,"two\nlines"\ny,z\n']);
    expect(records).toEqual([
      { record: ["h1", "h2"], lines: 1 },
      { record: ["x", "two\nlines"], lines: 3 },
      { record: ["y", "z"], lines: 4 },
    ]);
  });

  it("keeps the record delimiter it detected in options.record_delimiter", async () => {
    const crlf = await parse(["a,b\r\nc,d\r\n"]);
    const lf = await parse(["a,b\nc,d\n"]);
    const delimiters = (p: Parser) =>
      (p as unknown as { options: { record_delimiter: Buffer[] } }).options.record_delimiter;
    expect(delimiters(crlf.parser).map(String)).toEqual(["\r\n"]);
    expect(delimiters(lf.parser).map(String)).toEqual(["\n"]);
  });
});

describe("a multi-byte character split across chunks at every offset reads as in one chunk", () => {
  const header =
    "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD,IsACRDuplicateAtPGALevel";
  // Two-, three- and four-byte characters, in a plain line (the fast path) and in a quoted one (csv-parse).
  const file = Buffer.from(
    [
      header,
      `${tenant(1)},Ünïcödé 名前 🚀,2026-05,Key Vault,Azure Plan,PAL,1.25,0`,
      `${tenant(2)},"Quoted, 名前 🚀 é",2026-05,Key Vault,Azure Plan,PAL,2,0`,
      `${tenant(3)},"Two\nlines é",2026-05,Key Vault,Azure Plan,PAL,3,0`,
      `${tenant(4)},Last 🚀,2026-05,Key Vault,Azure Plan,PAL,4,0`,
      "",
    ].join("\n"),
    "utf8",
  );

  async function read(chunks: Buffer[], fastPath: boolean) {
    const rows: AzureRow[] = [];
    const result = await readAzureUsage(
      (async function* () {
        yield* chunks;
      })(),
      { file: "f.csv", fastPath, onRow: (r) => void rows.push(r) },
    );
    return { ok: result.ok, errors: result.ok ? [] : result.errors, rows };
  }

  it("with the fast path and with csv-parse alone", async () => {
    for (const fastPath of [true, false]) {
      const whole = await read([file], fastPath);
      expect(whole.ok).toBe(true);
      expect(whole.rows.map((r) => r.customerName)).toEqual([
        "Ünïcödé 名前 🚀",
        "Quoted, 名前 🚀 é",
        "Two\nlines é",
        "Last 🚀",
      ]);
      for (let at = 1; at < file.length; at++) {
        const split = await read([file.subarray(0, at), file.subarray(at)], fastPath);
        expect(split, `cut at byte ${at} (fast path: ${fastPath})`).toEqual(whole);
      }
    }
  });
});
