import { describe, expect, it } from "vitest";
import { cyclePeriod, dueDate, expectedDataMonth, nextRefresh, staleDataMessage } from "./data-cycle";

const day = (s: string) => new Date(`${s}T12:00:00Z`);

describe("the monthly data cycle", () => {
  it("expects last month's data from the 20th on, and the month before until then", () => {
    expect(expectedDataMonth(day("2026-11-19"))).toBe("2026-09");
    expect(expectedDataMonth(day("2026-11-20"))).toBe("2026-10");
    expect(expectedDataMonth(day("2026-01-25"))).toBe("2025-12");
  });

  it("runs the monthly check once per 20th", () => {
    expect(cyclePeriod(day("2026-11-19"))).toBe("2026-10");
    expect(cyclePeriod(day("2026-11-20"))).toBe("2026-11");
    expect(cyclePeriod(day("2026-01-05"))).toBe("2025-12");
  });

  it("says when data is due and when the next refresh is", () => {
    expect(dueDate("2026-10")).toBe("2026-11-20");
    expect(dueDate("2026-12")).toBe("2027-01-20");
    expect(nextRefresh(day("2026-11-26"))).toBe("2026-12-20");
    expect(nextRefresh(day("2026-11-20"))).toBe("2026-11-20");
  });

  it("shows a banner only when the latest data month is behind", () => {
    expect(staleDataMessage("2026-09", day("2026-11-26"))).toBe(
      "October 2026's data is due by 20 November 2026 — import it.",
    );
    expect(staleDataMessage(null, day("2026-11-26"))).toBe(
      "October 2026's data is due by 20 November 2026 — import it.",
    );
    expect(staleDataMessage("2026-10", day("2026-11-26"))).toBeNull();
    expect(staleDataMessage("2026-09", day("2026-11-19"))).toBeNull();
  });
});
