/**
 * Microsoft refreshes Performance data by the 20th of each month with the previous month's figures. These pure
 * functions say which data month is expected on a given day and whether an organisation is behind. Month
 * arithmetic is the engine's (lib/scoring/months.ts), the one place that does it.
 */
import { addMonths, monthIndex, monthOfDate } from "./scoring/months";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export const REFRESH_DAY = 20;

/** The data month that should be in the portal on `today`: last month from the 20th on, else the month before. */
export function expectedDataMonth(today: Date): string {
  return addMonths(monthOfDate(today), today.getUTCDate() >= REFRESH_DAY ? -1 : -2);
}

/** The monthly check's period: the month whose 20th has most recently passed (`YYYY-MM`). */
export function cyclePeriod(today: Date): string {
  return addMonths(monthOfDate(today), today.getUTCDate() >= REFRESH_DAY ? 0 : -1);
}

/** When the data of `month` is due: the 20th of the following month (UTC date, `YYYY-MM-DD`). */
export function dueDate(month: string): string {
  return `${addMonths(month, 1)}-${REFRESH_DAY}`;
}

/** The next refresh date on or after `today` (`YYYY-MM-DD`). */
export function nextRefresh(today: Date): string {
  return `${addMonths(monthOfDate(today), today.getUTCDate() > REFRESH_DAY ? 1 : 0)}-${REFRESH_DAY}`;
}

export function monthName(month: string): string {
  const index = monthIndex(month);
  return `${MONTH_NAMES[index % 12]} ${Math.floor(index / 12)}`;
}

/**
 * The banner text when the latest data month is behind the expected one, e.g.
 * "October 2026's data is due by 20 November 2026 — import it."; null when up to date.
 */
export function staleDataMessage(latestDataMonth: string | null, today: Date): string | null {
  const expected = expectedDataMonth(today);
  if (latestDataMonth !== null && latestDataMonth >= expected) return null;
  return `${monthName(expected)}'s data is due by ${REFRESH_DAY} ${monthName(addMonths(expected, 1))} — import it.`;
}
