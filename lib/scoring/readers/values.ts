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

export function parseAmount(text: string): Micros | null {
  return parseMicros(text);
}

/** Digits only, an integer >= 0 that fits exactly in a double. */
export function parseCount(text: string): number | null {
  if (!DIGITS.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

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
};

/** Long cells are cut in messages so one bad 10 MB cell does not become a 10 MB error. */
export function shown(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
