import { describe, expect, it } from "vitest";
import { decodeExtra, encodeExtra, type FigureExtra } from "./figures";

const none: FigureExtra = {
  excluded: { service: 0n, offer: 0n, associationType: 0n, duplicate: 0n, afterDataMonth: 0n },
  excludedUnits: { workload: 0, associationType: 0, afterDataMonth: 0 },
  peakCurrent: [],
  peakPrevious: [],
  smbByStickiness: false,
};

describe("stored figures", () => {
  it("are null when there is nothing to say", () => {
    expect(encodeExtra(none)).toBeNull();
    expect(decodeExtra(null)).toEqual(none);
  });

  it("read back exactly: amounts beyond 2^53, negative amounts, names needing escapes", () => {
    const extra: FigureExtra = {
      excluded: {
        service: 2n ** 62n + 1n,
        offer: -5n,
        associationType: 0n,
        duplicate: 7n,
        afterDataMonth: 123_456_789n,
      },
      excludedUnits: { workload: 3, associationType: 0, afterDataMonth: 9 },
      peakCurrent: [
        { workload: 'Say "hi" \\ tab\t', units: 301, month: "2026-05" },
        { workload: "Microsoft Intune", units: 5, month: "2026-01" },
      ],
      peakPrevious: [{ workload: "Microsoft Intune", units: 4, month: "2025-02" }],
      smbByStickiness: true,
    };
    const text = encodeExtra(extra)!;
    expect(JSON.parse(text)).toBeTypeOf("object");
    expect(decodeExtra(text)).toEqual(extra);
  });
});
