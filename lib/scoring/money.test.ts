import { describe, expect, it } from "vitest";
import { formatMicros, parseMicros } from "./money";

describe("money", () => {
  it("reads decimals with up to 6 fractional digits as exact micro-dollars", () => {
    expect(parseMicros("600")).toBe(600_000_000n);
    expect(parseMicros("600.00")).toBe(600_000_000n);
    expect(parseMicros("599.99")).toBe(599_990_000n);
    expect(parseMicros("0.000001")).toBe(1n);
    expect(parseMicros("-12.5")).toBe(-12_500_000n);
    expect(parseMicros("123456789012345.123456")).toBe(123456789012345123456n);
  });

  it.each(["12,50", "1e3", "+5", "5.", ".5", "0.1234567", "", " 5", "NaN", "--1", "1.2.3"])("rejects %j", (text) => {
    expect(parseMicros(text)).toBeNull();
  });

  it("sums 6,000 rows of 0.10 to exactly 600.00", () => {
    let sum = 0n;
    for (let i = 0; i < 6000; i++) sum += parseMicros("0.10")!;
    expect(sum).toBe(600_000_000n);
  });

  it("formats with at least two fractional digits and no float", () => {
    expect(formatMicros(540_000_000n)).toBe("540.00");
    expect(formatMicros(1n)).toBe("0.000001");
    expect(formatMicros(-10_000n)).toBe("-0.01");
    expect(formatMicros(0n)).toBe("0.00");
    expect(formatMicros(599_999_999n)).toBe("599.999999");
  });
});
