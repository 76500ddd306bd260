import type { Month } from "../months";

/** `YYYY-MM` strings order lexicographically as months do. */
export function compareMonths(a: Month, b: Month): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
