/**
 * Microsoft refreshes Performance data by the 20th of each month with the previous month's figures. These pure
 * functions say which data month is expected on a given day and whether an organisation is behind.
 */
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

function ym(year: number, month0: number): string {
  const d = new Date(Date.UTC(year, month0, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The data month that should be in the portal on `today`: last month from the 20th on, else the month before. */
export function expectedDataMonth(today: Date): string {
  const back = today.getUTCDate() >= REFRESH_DAY ? 1 : 2;
  return ym(today.getUTCFullYear(), today.getUTCMonth() - back);
}

/** The monthly check's period: the month whose 20th has most recently passed (`YYYY-MM`). */
export function cyclePeriod(today: Date): string {
  const back = today.getUTCDate() >= REFRESH_DAY ? 0 : 1;
  return ym(today.getUTCFullYear(), today.getUTCMonth() - back);
}

/** When the data of `month` is due: the 20th of the following month (UTC date, `YYYY-MM-DD`). */
export function dueDate(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${ym(y, m)}-${REFRESH_DAY}`;
}

/** The next refresh date on or after `today` (`YYYY-MM-DD`). */
export function nextRefresh(today: Date): string {
  const add = today.getUTCDate() > REFRESH_DAY ? 1 : 0;
  return `${ym(today.getUTCFullYear(), today.getUTCMonth() + add)}-${REFRESH_DAY}`;
}

export function monthName(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

/**
 * The banner text when the latest data month is behind the expected one, e.g.
 * "October 2026's data is due by 20 November 2026 — import it."; null when up to date.
 */
export function staleDataMessage(latestDataMonth: string | null, today: Date): string | null {
  const expected = expectedDataMonth(today);
  if (latestDataMonth !== null && latestDataMonth >= expected) return null;
  const [y, m] = dueDate(expected).split("-").map(Number) as [number, number];
  return `${monthName(expected)}'s data is due by ${REFRESH_DAY} ${MONTH_NAMES[m - 1]} ${y} — import it.`;
}
