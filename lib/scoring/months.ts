/**
 * Months as `YYYY-MM` strings at the boundaries and as integer indexes (year * 12 + month - 1) inside the
 * engine, so window arithmetic is plain integer arithmetic.
 */
export type Month = string;

const MONTH = /^(\d{4})-(\d{2})$/;

/** Strict `YYYY-MM` check (for options such as `--month`). */
export function isMonth(text: string): boolean {
  const m = MONTH.exec(text);
  return m !== null && Number(m[1]) >= 1 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

export function monthIndex(month: Month): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthFromIndex(index: number): Month {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}`;
}

export function addMonths(month: Month, delta: number): Month {
  return monthFromIndex(monthIndex(month) + delta);
}

/** The month (UTC) a moment falls in. */
export function monthOfDate(date: Date): Month {
  return monthFromIndex(date.getUTCFullYear() * 12 + date.getUTCMonth());
}

// ISO: YYYY-MM, or YYYY-MM-DD optionally followed by a time and `Z`.
const ISO = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z)?)?)?$/;
// US: M/D/YYYY (zero padding optional) optionally followed by a time and ` AM` / ` PM`.
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?( [AaPp][Mm])?)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validTime(
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  twelveHour: boolean,
): boolean {
  if (hour === undefined) return true;
  const h = Number(hour);
  if (twelveHour ? h < 1 || h > 12 : h > 23) return false;
  if (Number(minute) > 59) return false;
  return second === undefined || Number(second) <= 59;
}

function toMonth(year: number, month: number, day: number | undefined): Month | null {
  if (year < 1 || month < 1 || month > 12) return null;
  if (day !== undefined && (day < 1 || day > daysInMonth(year, month))) return null;
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}`;
}

/**
 * Reads a month cell (SPEC §3): `YYYY-MM`, `YYYY-MM-DD` or `M/D/YYYY`, a real calendar date, optionally with a
 * time that is ignored. Returns the month as `YYYY-MM`, or null when the text is anything else.
 */
export function parseMonthCell(text: string): Month | null {
  let m = ISO.exec(text);
  if (m !== null) {
    const [, year, month, day, hour, minute, second] = m;
    if (!validTime(hour, minute, second, false)) return null;
    return toMonth(Number(year), Number(month), day === undefined ? undefined : Number(day));
  }
  m = US.exec(text);
  if (m !== null) {
    const [, month, day, year, hour, minute, second, meridiem] = m;
    if (!validTime(hour, minute, second, meridiem !== undefined)) return null;
    return toMonth(Number(year), Number(month), Number(day));
  }
  return null;
}

/** `YYYY-MM` strings order lexicographically as months do. */
export function compareMonths(a: Month, b: Month): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
