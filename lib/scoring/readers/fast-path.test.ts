/**
 * The CSV fast path (plain lines split on commas) must give exactly what csv-parse gives: the same rows, the same
 * errors with the same lines and columns, however the file is cut into chunks. Each case is read both ways.
 */
import { describe, expect, it } from "vitest";
import { tenant } from "../test-support";
import type { AzureRow, M365Row } from "../types";
import { readAzureUsage } from "./azure-reader";
import { FastLineSplitter, splitQuoted } from "./fast-lines";
import { readM365Licenses } from "./m365-reader";

const AZ = "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD,IsACRDuplicateAtPGALevel";
const M3 = "CustomerTenantId,CustomerName,Month,WorkloadName,AssociationType,PaidAvailableUnits,MonthlyActiveUsers";

function chunked(bytes: Buffer, sizes: number[]): AsyncIterable<Uint8Array> {
  return (async function* () {
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const size = sizes[i % sizes.length]!;
      yield bytes.subarray(at, at + size);
      at += size;
    }
  })();
}

async function readBoth(source: "azure" | "m365", file: Buffer, sizes: number[]) {
  const run = async (fastPath: boolean) => {
    const rows: (AzureRow | M365Row)[] = [];
    const options = { file: "f.csv", fastPath, onRow: (r: AzureRow | M365Row) => rows.push(r) };
    const result =
      source === "azure"
        ? await readAzureUsage(chunked(file, sizes), options)
        : await readM365Licenses(chunked(file, sizes), options);
    return { result, rows };
  };
  return { fast: await run(true), reference: await run(false) };
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const azureLine = (n: number, month = "2026-05") =>
  `${tenant(n)},Customer ${n},${month},Key Vault,Azure Plan,PAL,${n}.25,0`;

/** Pieces files are made of: mostly plain rows, and everything that needs csv-parse or is an error. */
const PIECES: ((n: number) => string)[] = [
  (n) => azureLine(n),
  (n) => azureLine(n),
  (n) => azureLine(n, "5/1/2026 12:00:00 AM"),
  (n) => `${tenant(n)},"Quoted, Inc.",2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `"${tenant(n)}","Say ""hi"", now","2026-05",Key Vault,"",PAL,"1.5","0"`,
  (n) => `${tenant(n)},"",2026-05,"Key ""Vault""",Azure Plan,PAL,1,""`,
  (n) => `${tenant(n)}, "Space before",2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `${tenant(n)},"Space after" ,2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `${tenant(n)},"Ends in an escape""",2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `${tenant(n)},Mid""quotes,2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `${tenant(n)},"Unclosed,2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `${tenant(n)},"Quoted, short"`,
  (n) => `${tenant(n)},"Two\nlines",2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `${tenant(n)},"CR\r\nLF",2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `${tenant(n)},Bad "quote",2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `${tenant(n)},"closed" text,2026-05,Key Vault,Azure Plan,PAL,1,0`,
  () => "",
  () => "   ",
  (n) => `${tenant(n)},Lone\rCR,2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `${tenant(n)},Short,2026-05`,
  (n) => `not-a-guid,X${n},2026-13,Key Vault,,PAL,1.1234567,maybe`,
  (n) => `${tenant(n)},Ünïcödé 名前 🚀,2026-05,Key Vault,Azure Plan,PAL,1,1`,
  (n) => `${tenant(n)},${"x".repeat(5000)},2026-05,Key Vault,Azure Plan,PAL,1,0`,
  (n) => `${tenant(n)}, Spaced ,2026-05, key vault ,Azure Plan, pal , 7 ,false`,
];

function randomFile(seed: number): { bytes: Buffer; sizes: number[] } {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const crlf = next() < 0.3;
  const lines = [AZ];
  const count = 1 + pick(40);
  // Mostly plain files (the fast path's work), some with one odd line, some with several.
  const odd = next() < 0.2 ? 0 : next() < 0.6 ? 1 : 4;
  const oddAt = new Set(Array.from({ length: odd }, () => pick(count)));
  for (let i = 0; i < count; i++)
    lines.push(oddAt.has(i) ? PIECES[2 + pick(PIECES.length - 2)]!(i + 1) : PIECES[pick(4)]!(i + 1));
  let text = lines.join(crlf ? "\r\n" : "\n");
  if (next() < 0.7) text += crlf ? "\r\n" : "\n"; // a file may end without a line break
  if (next() < 0.1) text += "\n"; // or with an empty line
  if (next() < 0.2) text = "\uFEFF" + text;
  let bytes = Buffer.from(text, "utf8");
  if (next() < 0.1) {
    const at = pick(bytes.length);
    bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc3, 0x28]), bytes.subarray(at)]);
  } else if (next() < 0.05) {
    bytes = Buffer.concat([bytes, Buffer.from([0xe2, 0x82])]); // the file ends inside a character
  }
  const sizes = next() < 0.3 ? [bytes.length] : Array.from({ length: 5 }, () => 1 + pick(300));
  return { bytes, sizes };
}

describe("the CSV fast path gives csv-parse's rows and errors", () => {
  it("for 1,000 generated files: plain, quoted, broken, CRLF, BOM, invalid or cut UTF-8, in chunks of any size", async () => {
    let accepted = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const { bytes, sizes } = randomFile(seed);
      const { fast, reference } = await readBoth("azure", bytes, sizes);
      expect({ seed, ...fast }).toEqual({ seed, ...reference });
      if (reference.result.ok) accepted++;
    }
    // The generator must produce both outcomes, or the comparison proves little.
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(950);
  });

  it("a file whose multi-line quoted field comes mid-file: the fast path before it, csv-parse from there on", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => azureLine(i + 1));
    rows[1200] = `${tenant(1201)},"Contoso, ""Ltd""",2026-05,Key Vault,Azure Plan,PAL,1201.25,0`; // the fast path's
    rows[1700] = `${tenant(1701)},"Two\r\nlines",2026-05,Key Vault,Azure Plan,PAL,1701.25,0`; // csv-parse's
    rows[2500] = `${tenant(2501)},Name,2026-13,Key Vault,Azure Plan,PAL,oops,0`;
    const bytes = Buffer.from([AZ, ...rows].join("\r\n") + "\r\n");
    const { fast, reference } = await readBoth("azure", bytes, [64 * 1024]);
    expect(fast).toEqual(reference);
    // Row 2501 starts on line 2503: the header, 2,500 rows before it, one of them on two lines.
    expect(reference.result.ok ? [] : reference.result.errors.map((e) => [e.line, e.column])).toEqual([
      [2503, "Month"],
      [2503, "ACR_USD"],
    ]);

    rows[2500] = azureLine(2501);
    const valid = await readBoth("azure", Buffer.from([AZ, ...rows].join("\n")), [1000, 7, 65536]);
    expect(valid.fast).toEqual(valid.reference);
    expect(valid.fast.rows).toHaveLength(3000);
    expect(valid.fast.rows[1200]).toMatchObject({ customerName: 'Contoso, "Ltd"', line: 1202 });
    expect(valid.fast.rows[1700]).toMatchObject({ customerName: "Two\r\nlines", line: 1702 });
    expect(valid.fast.rows[2999]).toMatchObject({ line: 3002 });
  });

  it("the M365 reader too", async () => {
    const rows = Array.from(
      { length: 500 },
      (_, i) => `${tenant(i)},C${i},2026-0${1 + (i % 9)},Intune,CPOR,${i},${i % 3 ? i : ""}`,
    );
    rows[300] = `${tenant(300)},"M, 365",2026-05,Intune,CPOR,-1,`;
    const { fast, reference } = await readBoth("m365", Buffer.from([M3, ...rows].join("\n")), [777]);
    expect(fast).toEqual(reference);
    expect(reference.result.ok ? null : reference.result.errors[0]).toMatchObject({
      line: 302,
      column: "PaidAvailableUnits",
    });
  });

  it("splits well-formed quoted fields itself, and leaves anything else to csv-parse", () => {
    expect(splitQuoted('a,"b, c","d ""e""",,""')).toEqual(["a", "b, c", 'd "e"', "", ""]);
    expect(splitQuoted('"a",b,')).toEqual(["a", "b", ""]);
    for (const odd of ['a,"b', 'a,"b" ,c', 'a, "b"', 'a,b"c', '"a""', '"a"b']) expect(splitQuoted(odd)).toBeNull();
  });

  it("hands csv-parse the text from the first line it cannot take, after splitting the lines before it", () => {
    const splitter = new FastLineSplitter();
    const lines: string[][] = [];
    const rest = splitter.feed('\uFEFFa,b\r\n"c",d\r\n"e\r\n",f\r\ng,h\r\n', (fields) => lines.push(fields) > 0);
    expect(lines).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(rest).toBe('"e\r\n",f\r\ng,h\r\n');
    expect(splitter.eol).toBe("\r\n");
  });

  it("keeps an unfinished line for the next chunk, and gives a lone CR to csv-parse", () => {
    const splitter = new FastLineSplitter();
    const lines: string[][] = [];
    const onLine = (fields: string[]) => lines.push(fields) > 0;
    expect(splitter.feed("a,b\nc,", onLine)).toBeNull();
    expect(splitter.feed("d\ne\rf\n", onLine)).toBe("e\rf\n");
    expect(lines).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});
