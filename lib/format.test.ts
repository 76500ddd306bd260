import { describe, expect, it } from "vitest";
import {
  count,
  exactUsd,
  formatSigned,
  formatUsd,
  hasMoreThanCents,
  naturalCompare,
  naturalSortKey,
  plural,
} from "./format";

describe("formatUsd", () => {
  it("shows dollars with cents, grouped, from micro-dollars or the engine's decimal strings", () => {
    expect(formatUsd(676_734_026n)).toBe("$676.73");
    expect(formatUsd("40252.998985")).toBe("$40,252.99");
    expect(formatUsd("1234567.5")).toBe("$1,234,567.50");
    expect(formatUsd(0n)).toBe("$0.00");
    expect(formatUsd("-12.5")).toBe("-$12.50");
  });

  it("never rounds an amount up to the threshold: $599.996 reads $599.99", () => {
    expect(formatUsd("599.996")).toBe("$599.99");
    expect(formatUsd("599.999999")).toBe("$599.99");
  });

  it("rounds shortfalls up, so a tenant a fraction of a cent short is never '$0.00 short'", () => {
    expect(formatUsd("0.004", "up")).toBe("$0.01");
    expect(formatUsd("12.3", "up")).toBe("$12.30");
    expect(formatUsd("0", "up")).toBe("$0.00");
  });

  it("does not show a minus sign on an amount that shows as zero", () => {
    expect(formatUsd("-0.004")).toBe("$0.00");
  });

  it("keeps every digit for the hover title", () => {
    expect(exactUsd(676_734_026n)).toBe("$676.734026");
    expect(exactUsd("40252.998985")).toBe("$40,252.998985");
    expect(exactUsd("540")).toBe("$540.00");
    expect(exactUsd("-0.000001")).toBe("-$0.000001");
    expect(hasMoreThanCents("676.734026")).toBe(true);
    expect(hasMoreThanCents("676.73")).toBe(false);
  });

  it("refuses text that is not an amount", () => {
    expect(() => formatUsd("12,5")).toThrow(/not a decimal amount/);
  });
});

describe("counts", () => {
  it("pluralises by the language's rules", () => {
    expect(count(1, "Microsoft Intune licence")).toBe("1 Microsoft Intune licence");
    expect(count(2, "Microsoft Intune licence")).toBe("2 Microsoft Intune licences");
    expect(count(0, "tenant")).toBe("0 tenants");
    expect(count(12_345, "entry", "entries")).toBe("12,345 entries");
    expect(plural(1, "entry", "entries")).toBe("entry");
  });

  it("signs differences with a real minus sign", () => {
    expect(formatSigned(3)).toBe("+3");
    expect(formatSigned(-2)).toBe("\u22122");
    expect(formatSigned(0)).toBe("0");
    expect(formatSigned(-1234)).toBe("\u22121,234");
  });
});

describe("natural order", () => {
  const names = [
    "Customer 10",
    "customer 2",
    "Customer 1",
    "Contoso 100",
    "Contoso 20",
    "Árvíz 3",
    "Alpha",
    "Customer 02",
  ];

  it("sorts numbers inside names by value", () => {
    expect([...names].sort(naturalCompare)).toEqual([
      "Alpha",
      "Árvíz 3",
      "Contoso 20",
      "Contoso 100",
      "Customer 1",
      "customer 2",
      "Customer 02",
      "Customer 10",
    ]);
  });

  it("gives the database a key whose byte order is the same natural order", () => {
    const byKey = (a: string, b: string) => {
      const ka = naturalSortKey(a);
      const kb = naturalSortKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    };
    const generated = Array.from({ length: 300 }, (_, i) => `Customer ${(i * 7919) % 1000}`);
    for (const list of [names, generated]) {
      const natural = [...list].sort(naturalCompare).map(naturalSortKey);
      expect([...list].sort(byKey).map(naturalSortKey)).toEqual(natural);
    }
    expect(naturalSortKey("Customer 2") < naturalSortKey("Customer 10")).toBe(true);
  });
});
