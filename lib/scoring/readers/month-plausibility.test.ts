import { describe, expect, it } from "vitest";
import { implausibleMonths } from "./month-plausibility";

const today = new Date("2026-12-02T10:00:00Z");
const facts = (months: string[], dataMonth: string | null = null) => ({
  months,
  dataMonth,
  firstLine: new Map(months.map((m, i) => [m, i + 2])),
  today,
});

describe("months an import asks about", () => {
  it("a normal export, up to next month, asks nothing", () => {
    expect(implausibleMonths(facts(["2024-12", "2025-06", "2026-11"]))).toEqual([]);
    expect(implausibleMonths(facts(["2026-12", "2027-01"], "2026-12"))).toEqual([]);
  });

  it("one row dated 2099 after months of real data: both reasons, naming the line", () => {
    const reasons = implausibleMonths(facts(["2026-09", "2026-10", "2099-05"]));
    expect(reasons).toEqual([
      "The file has data for 2099-05 (line 4), more than a month after this month (2026-12). Snapshots would be made up to 2099-05; check the dates in the file.",
      "The file's latest month, 2099-05 (line 4), is 871 months after the rest of the file, which ends at 2026-10. Check that row's date.",
    ]);
  });

  it("a data month two months ahead, or a latest month years after the rest", () => {
    expect(implausibleMonths(facts(["2026-10"], "2027-02"))).toEqual([
      "The data month chosen on upload, 2027-02, is more than a month after this month (2026-12).",
    ]);
    expect(implausibleMonths(facts(["2019-01", "2019-02", "2026-10"]))[0]).toMatch(/is 92 months after the rest/);
    expect(implausibleMonths(facts(["2024-10", "2026-10"]))).toEqual([]); // two years apart is still data
    expect(implausibleMonths(facts(["2024-09", "2026-10"]))[0]).toMatch(/is 25 months after the rest/);
  });
});
