/**
 * Exact money: amounts are bigint micro-dollars (6 fractional digits, the precision of the exports).
 * Binary floating point never touches a sum or a comparison: 12 monthly amounts that add up to 600.00
 * must qualify, and a double sum of them gives 599.9999999999999.
 */
export type Micros = bigint;

export const MICROS_PER_DOLLAR = 1_000_000n;

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,6}))?$/;

/** Parses `-?digits[.digits]` (at most 6 fractional digits) into micro-dollars; null when malformed. */
export function parseMicros(text: string): Micros | null {
  const m = DECIMAL.exec(text);
  if (m === null) return null;
  const [, sign, whole, fraction = ""] = m;
  const digits = whole + fraction.padEnd(6, "0");
  // Up to 15 digits fit a double's integer range exactly (no rounding): a cheaper path for the common case.
  const magnitude = digits.length <= 15 ? BigInt(Number(digits)) : BigInt(digits);
  return sign === "-" ? -magnitude : magnitude;
}

/** Dollars (whole or decimal string) to micro-dollars, for rule data and tests: `dollars("600")`. */
export function dollars(text: string): Micros {
  const value = parseMicros(text);
  if (value === null) throw new Error(`not a decimal amount: ${text}`);
  return value;
}

/** Formats micro-dollars as a decimal string with at least 2 fractional digits: 540000000n -> "540.00". */
export function formatMicros(value: Micros): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = magnitude / MICROS_PER_DOLLAR;
  let fraction = (magnitude % MICROS_PER_DOLLAR).toString().padStart(6, "0");
  while (fraction.length > 2 && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}
