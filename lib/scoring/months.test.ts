import { describe, expect, it } from "vitest";
import { addMonths, isMonth, parseMonthCell } from "./months";
import { windowRange, windowsFor } from "./windows";

describe("month cells", () => {
  it.each([
    ["2026-05", "2026-05"],
    ["2026-05-31", "2026-05"],
    ["2026-05-01T00:00:00", "2026-05"],
    ["2026-05-01T00:00:00Z", "2026-05"],
    ["2026-05-01 13:45", "2026-05"],
    ["2026-05-01T00:00:00.123Z", "2026-05"],
    ["5/1/2026", "2026-05"],
    ["05/01/2026", "2026-05"],
    ["5/1/2026 12:00:00 AM", "2026-05"],
    ["12/31/2025 11:59 PM", "2025-12"],
    ["2/29/2024", "2024-02"],
  ])("reads %j as %s", (text, month) => {
    expect(parseMonthCell(text)).toBe(month);
  });

  it.each([
    "2026-13",
    "2026-00",
    "2026-02-30",
    "2/29/2025",
    "2026-5",
    "2026-05-01 25:00",
    "2026-05-01 AM",
    "5/1/2026Z",
    "2026-05-01 10:00 PM",
    "May 2026",
    "2026/05/01",
    "",
    "5/1/2026 13:00 PM",
  ])("rejects %j", (text) => {
    expect(parseMonthCell(text)).toBeNull();
  });

  it("checks --month strictly", () => {
    expect(isMonth("2026-10")).toBe(true);
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("2026-1")).toBe(false);
  });

  it("adds months across years", () => {
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-10", -23)).toBe("2024-11");
  });
});

describe("windows", () => {
  it("current is M-11…M and previous is M-23…M-12", () => {
    const w = windowsFor("2026-10", 12);
    expect(windowRange(w.current)).toEqual({ from: "2025-11", to: "2026-10" });
    expect(windowRange(w.previous)).toEqual({ from: "2024-11", to: "2025-10" });
  });
});
