import { describe, expect, it } from "vitest";
import { changeSentence, changesOf, netChange } from "./snapshot-changes";

describe("why net adds changed", () => {
  it("puts a tenant in every list its statuses move it through", () => {
    expect(changesOf(null, "gained")).toEqual(["startedCurrent"]);
    expect(changesOf("retained", "lost")).toEqual(["stoppedCurrent"]);
    expect(changesOf("gained", "lost")).toEqual(["stoppedCurrent", "enteredPrevious"]);
    expect(changesOf("not-qualifying", "lost")).toEqual(["enteredPrevious"]);
    expect(changesOf("lost", null)).toEqual(["leftPrevious"]);
    expect(changesOf("lost", "gained")).toEqual(["startedCurrent", "leftPrevious"]);
    expect(changesOf("retained", "retained")).toEqual([]);
    expect(changesOf(null, "not-qualifying")).toEqual([]);
  });

  it("says the change in one sentence, as the issue asks", () => {
    const twoIn = { startedCurrent: 0, stoppedCurrent: 0, enteredPrevious: 2, leftPrevious: 0 };
    expect(netChange(twoIn)).toBe(-2);
    expect(changeSentence(twoIn)).toBe("\u22122 net adds: 2 tenants now count in the previous window.");
    expect(changeSentence({ startedCurrent: 1, stoppedCurrent: 0, enteredPrevious: 1, leftPrevious: 0 })).toBe(
      "No change in net adds: 1 tenant started counting in the current window and 1 tenant now counts in the previous window.",
    );
    expect(changeSentence({ startedCurrent: 3, stoppedCurrent: 1, enteredPrevious: 0, leftPrevious: 1 })).toBe(
      "+3 net adds: 3 tenants started counting in the current window, 1 tenant stopped counting in the current window and 1 tenant no longer counts in the previous window.",
    );
    expect(changeSentence({ startedCurrent: 1, stoppedCurrent: 0, enteredPrevious: 0, leftPrevious: 0 })).toMatch(
      /^\+1 net add: /,
    );
    expect(changeSentence({ startedCurrent: 0, stoppedCurrent: 0, enteredPrevious: 0, leftPrevious: 0 })).toBe(
      "No change in net adds: no tenant changed windows.",
    );
  });
});
