/**
 * Current window C = M-11 … M, previous window P = M-23 … M-12 for 12-month windows: the length is the rule set's
 * `windowMonths`, never assumed here.
 */
import { monthFromIndex, monthIndex, type Month } from "./months";
import type { WindowRange } from "./types";

/** A window as inclusive month indexes. */
export interface WindowIndexes {
  from: number;
  to: number;
}

export interface Windows {
  current: WindowIndexes;
  previous: WindowIndexes;
}

export function windowsFor(month: Month, windowMonths: number): Windows {
  const m = monthIndex(month);
  return {
    current: { from: m - windowMonths + 1, to: m },
    previous: { from: m - 2 * windowMonths + 1, to: m - windowMonths },
  };
}

export function windowRange(window: WindowIndexes): WindowRange {
  return { from: monthFromIndex(window.from), to: monthFromIndex(window.to) };
}

/** The first month the snapshot of `month` reads: the first of its previous window (M-23 for 12-month windows). */
export function firstMonthRead(month: Month, windowMonths: number): Month {
  return monthFromIndex(windowsFor(month, windowMonths).previous.from);
}
