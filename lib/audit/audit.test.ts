import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";
import { redactForAudit } from "./redact";

describe("audit redaction", () => {
  it("drops password, hash, token and secret fields at every depth", () => {
    const out = redactForAudit({
      name: "Alice",
      passwordHash: "$argon2id$…",
      nested: { token: "abc", apiKey: "k", role: "admin", sessionToken: "s" },
      list: [{ secret: "x", ok: 1 }],
    });
    expect(out).toEqual({ name: "Alice", nested: { role: "admin" }, list: [{ ok: 1 }] });
  });

  it("keeps dates as ISO strings", () => {
    expect(redactForAudit({ at: new Date("2025-01-02T03:04:05Z") })).toEqual({ at: "2025-01-02T03:04:05.000Z" });
  });
});

describe("audit CSV", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
  });

  it("neutralises spreadsheet formulas", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1")).toBe(`"'+1"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
  });

  it("writes JSON for objects and nothing for null", () => {
    expect(csvLine([null, { role: "admin" }, 3])).toBe(',"{""role"":""admin""}",3\r\n');
  });
});
