/**
 * Cell validators (SPEC §3). Hand-written rather than a zod object per row: they run millions of times per
 * import and must stay within a small multiple of the CSV parse itself. Each returns the typed value or null.
 */
import { parseMicros, type Micros } from "../money";
import { parseMonthCell, type Month } from "../months";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DIGITS = /^\d+$/;

/** Lower-cased GUID (8-4-4-4-12 hex digits, any case, no braces), or null. */
export function parseGuid(text: string): string | null {
  return GUID.test(text) ? text.toLowerCase() : null;
}

/** Month cells repeat endlessly: cache their parse (bounded). */
const monthCache = new Map<string, Month | null>();
export function parseMonthValue(text: string): Month | null {
  let month = monthCache.get(text);
  if (month === undefined) {
    month = parseMonthCell(text);
    if (monthCache.size < 10_000) monthCache.set(text, month);
  }
  return month;
}

/** Amounts are stored as PostgreSQL bigint micro-dollars: ±9,223,372,036,854.775807 dollars at most. */
export const MAX_MICROS = 2n ** 63n - 1n;
export const MIN_MICROS = -(2n ** 63n);

export function parseAmount(text: string): Micros | null {
  return parseMicros(text);
}

/** A parsed amount the database cannot hold (checked apart from parsing, so the message can say which). */
export function amountInRange(micros: Micros): boolean {
  return micros <= MAX_MICROS && micros >= MIN_MICROS;
}

/** Paid units are stored as bigint and handled as exact doubles; monthly active users as a 32-bit integer. */
export const MAX_UNITS = Number.MAX_SAFE_INTEGER;
export const MAX_ACTIVE_USERS = 2 ** 31 - 1;

/** Digits only, an integer >= 0 that fits exactly in a double (any size: see `countInRange`). */
export function parseCount(text: string): number | null {
  if (!DIGITS.test(text)) return null;
  return Number(text);
}

/** Whether a parsed count is at most `max` (checked apart from parsing, so the message can say which). */
export function countInRange(value: number, max: number): boolean {
  return Number.isSafeInteger(value) && value <= max;
}

/**
 * The first character of a text cell that is refused: a control character other than tab, line feed and carriage
 * return (which quoted cells may hold, and which are stored exactly), C1 controls included, and DEL. PostgreSQL
 * cannot store NUL at all, and the others are invisible on every page. Returns its index, or -1.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
export function controlCharacterAt(text: string): number {
  const m = CONTROL.exec(text);
  return m === null ? -1 : m.index;
}

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** `1` / `true`: duplicate; `0` / `false` / empty: not; anything else: null (malformed). */
export function parseDuplicateFlag(text: string): boolean | null {
  switch (text.toLowerCase()) {
    case "1":
    case "true":
      return true;
    case "0":
    case "false":
    case "":
      return false;
    default:
      return null;
  }
}

export const MESSAGES = {
  emptyGuid: "empty: expected a tenant GUID (8-4-4-4-12 hexadecimal digits)",
  guid: (v: string) => `${JSON.stringify(v)} is not a GUID (8-4-4-4-12 hexadecimal digits, no braces)`,
  month: (v: string) => `${JSON.stringify(v)} is not a month or a real date (YYYY-MM, YYYY-MM-DD or M/D/YYYY)`,
  amount: (v: string) =>
    `${JSON.stringify(v)} is not a decimal amount (digits with an optional "-" and "." and at most 6 fractional digits)`,
  count: (v: string) => `${JSON.stringify(v)} is not a whole number (digits only, 0 or more)`,
  duplicate: (v: string) => `${JSON.stringify(v)} is not a duplicate flag (1, true, 0, false or empty)`,
  amountRange: (v: string) =>
    `${JSON.stringify(v)} is out of range: an amount must lie between -9223372036854.775808 and 9223372036854.775807`,
  countRange: (v: string, max: number) => `${JSON.stringify(v)} is out of range: at most ${max}`,
  control: (text: string, at: number) =>
    `contains a control character (${codePoint(text[at]!)}) at character ${at + 1}: remove it from the export and upload it again`,
};

/** Long cells are cut in messages so one bad 10 MB cell does not become a 10 MB error. */
export function shown(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * Refuses control characters in the stored text columns of one record (`columns`: their indexes, -1 when
 * absent), one error per cell naming its column. Returns whether every cell is clean.
 */
export function textCellsClean(
  errors: { add(line: number | null, column: string | null, message: string): void },
  fields: readonly string[],
  line: number,
  written: readonly string[],
  columns: readonly number[],
): boolean {
  let clean = true;
  for (const i of columns) {
    if (i === -1) continue;
    const at = controlCharacterAt(fields[i]!);
    if (at === -1) continue;
    errors.add(line, written[i]!, MESSAGES.control(fields[i]!, at));
    clean = false;
  }
  return clean;
}
