/**
 * Numbers, money, counts and names as people read them: the one formatting module the pages use. Pure.
 *
 * Money stays exact (bigint micro-dollars, or the engine's decimal strings) up to the last step: cents are cut
 * from the exact value with integer arithmetic, never through a float. CSV exports keep every digit (they call
 * `formatMicros`, not this module), and pages put the exact amount in a `title` for hover (`exactUsd`).
 */
import { parseMicros, type Micros } from "./scoring/money";

const MICROS_PER_CENT = 10_000n;

/** How an amount becomes cents. */
export type CentRounding =
  /**
   * Toward zero (the default): a tenant at $599.996 reads "$599.99", never "$600.00" beside "does not qualify".
   * The Azure threshold is inclusive, so rounding up would show tenants at the threshold that are below it.
   */
  | "down"
  /** Away from zero: for shortfalls, so a tenant $0.004 short reads "$0.01 short", never "$0.00 short". */
  | "up";

function toMicros(value: Micros | string): Micros {
  if (typeof value === "bigint") return value;
  const parsed = parseMicros(value.trim());
  if (parsed === null) throw new Error(`not a decimal amount: ${value}`);
  return parsed;
}

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** Dollars with cents: 676734026n or "676.734026" → "$676.73"; -1500000n → "-$1.50". */
export function formatUsd(value: Micros | string, rounding: CentRounding = "down"): string {
  const micros = toMicros(value);
  const negative = micros < 0n;
  const magnitude = negative ? -micros : micros;
  let cents = magnitude / MICROS_PER_CENT;
  if (rounding === "up" && magnitude % MICROS_PER_CENT !== 0n) cents += 1n;
  const whole = cents / 100n;
  const fraction = (cents % 100n).toString().padStart(2, "0");
  // "-$0.00" would say there is a negative amount that is not there.
  const sign = negative && cents > 0n ? "-" : "";
  return `${sign}$${group(whole.toString())}.${fraction}`;
}

/** Every stored digit, for a hover title: 676734026n → "$676.734026"; 540000000n → "$540.00". */
export function exactUsd(value: Micros | string): string {
  const micros = toMicros(value);
  const negative = micros < 0n;
  const magnitude = negative ? -micros : micros;
  let fraction = (magnitude % 1_000_000n).toString().padStart(6, "0");
  while (fraction.length > 2 && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  return `${negative ? "-" : ""}$${group((magnitude / 1_000_000n).toString())}.${fraction}`;
}

/** Whether the cents shown differ from the exact amount (then the page offers the exact one on hover). */
export const hasMoreThanCents = (value: Micros | string) => toMicros(value) % MICROS_PER_CENT !== 0n;

const numberFormat = new Intl.NumberFormat("en-US");
const pluralRules = new Intl.PluralRules("en-GB");

/** A whole number with thousands separators: 12345 → "12,345". */
export const formatNumber = (n: number | bigint) => numberFormat.format(n);

/** A signed difference: 3 → "+3", -2 → "−2" (a real minus sign), 0 → "0". */
export function formatSigned(n: number): string {
  if (n > 0) return `+${formatNumber(n)}`;
  if (n < 0) return `\u2212${formatNumber(-n)}`;
  return "0";
}

/**
 * The noun for a count, by the language's plural rules: plural(1, "licence") → "licence". The plural defaults to
 * the noun plus "s"; irregular ones are given: plural(n, "entry", "entries").
 */
export function plural(n: number, one: string, other = `${one}s`): string {
  return pluralRules.select(n) === "one" ? one : other;
}

/** A count and its noun: count(1, "Microsoft Intune licence") → "1 Microsoft Intune licence"; 1234 → "1,234 …s". */
export function count(n: number, one: string, other?: string): string {
  return `${formatNumber(n)} ${plural(n, one, other)}`;
}

/** Signed net adds with their noun: 1 → "+1 net add", -2 → "−2 net adds". */
export const netAdds = (n: number) => `${formatSigned(n)} net ${plural(Math.abs(n), "add")}`;

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Natural order for names: "Customer 2" before "Customer 10"; case and accents do not split equal names. */
export const naturalCompare = (a: string, b: string) => collator.compare(a, b);

/**
 * A key whose plain byte order (SQL `COLLATE "C"`) is natural order, for sorting in the database at any size:
 * lower-cased, accents removed, and every run of digits written as its length (two digits) then the digits
 * without leading zeros, so "2" → "012" sorts before "10" → "0210". Names with runs of 100+ digits (none real)
 * still sort, only not numerically beyond that.
 */
export function naturalSortKey(name: string): string {
  const folded = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();
  return folded.replace(/\d+/g, (run) => {
    const digits = run.replace(/^0+(?=\d)/, "");
    return `${String(Math.min(digits.length, 99)).padStart(2, "0")}${digits}`;
  });
}
