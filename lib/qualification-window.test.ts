import { describe, expect, it } from "vitest";
import { daysBetween, isDate, qualificationWindow, renewalDate, windowMonths } from "./qualification-window";

const manual = (track: string, skilling: number, deployments: number, usageGrowth: number) => [
  { track, metric: "skilling", points: skilling },
  { track, metric: "deployments", points: deployments },
  { track, metric: "usageGrowth", points: usageGrowth },
];

describe("qualification window", () => {
  it("covers the current month and the five before it", () => {
    expect(windowMonths("2026-03")).toEqual(["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]);
  });

  it("qualifies when one month of the window reaches 70 with every metric above zero on one track", () => {
    const w = qualificationWindow("2026-10", [
      { month: "2026-06", performance: { enterprise: 10, smb: 20 }, manual: manual("smb", 30, 10, 10) },
      { month: "2026-10", performance: { enterprise: 10, smb: 20 }, manual: manual("smb", 30, 10, 0) },
    ]);
    expect(w.qualified).toBe(true);
    expect(w.lastQualifyingMonth).toBe("2026-06");
    expect(w.months.find((m) => m.month === "2026-06")!.tracks.smb.qualified).toBe(true);
    expect(w.months.find((m) => m.month === "2026-10")!.qualified).toBe(false);
  });

  it("69 points, or a metric at zero, does not qualify", () => {
    const w = qualificationWindow("2026-10", [
      { month: "2026-09", performance: { enterprise: 19, smb: 0 }, manual: manual("enterprise", 30, 10, 10) },
      { month: "2026-10", performance: { enterprise: 0, smb: 0 }, manual: manual("enterprise", 40, 20, 20) },
    ]);
    expect(w.months.find((m) => m.month === "2026-09")!.tracks.enterprise.total).toBe(69);
    expect(w.qualified).toBe(false);
  });

  it("a qualifying month older than five months before the current one does not count", () => {
    const w = qualificationWindow("2026-10", [
      { month: "2026-04", performance: { enterprise: 20, smb: 0 }, manual: manual("enterprise", 30, 10, 10) },
    ]);
    expect(w.months.map((m) => m.month)).not.toContain("2026-04");
    expect(w.qualified).toBe(false);
  });

  it("a month without a snapshot never qualifies, even with points entered by hand", () => {
    const w = qualificationWindow("2026-10", [
      { month: "2026-10", performance: null, manual: manual("smb", 40, 20, 20) },
    ]);
    expect(w.months.at(-1)!.hasSnapshot).toBe(false);
    expect(w.qualified).toBe(false);
  });
});

describe("renewal date", () => {
  it("is the next anniversary of the enrolment on or after today", () => {
    expect(renewalDate("2025-03-15", "2026-01-10")).toBe("2026-03-15");
    expect(renewalDate("2025-03-15", "2026-03-15")).toBe("2026-03-15");
    expect(renewalDate("2025-03-15", "2026-03-16")).toBe("2027-03-15");
  });
  it("is one year after enrolment before the first anniversary", () => {
    expect(renewalDate("2026-02-01", "2026-02-01")).toBe("2027-02-01");
    expect(renewalDate("2026-02-01", "2026-06-01")).toBe("2027-02-01");
  });
  it("an enrolment on 29 February renews on 28 February in common years", () => {
    expect(renewalDate("2024-02-29", "2025-01-01")).toBe("2025-02-28");
    expect(renewalDate("2024-02-29", "2027-12-01")).toBe("2028-02-29");
  });
  it("counts days and checks dates", () => {
    expect(daysBetween("2026-01-10", "2026-03-15")).toBe(64);
    expect(isDate("2026-02-29")).toBe(false);
    expect(isDate("2028-02-29")).toBe(true);
  });
});
