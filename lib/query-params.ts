/**
 * The one rule every query-string schema shares: no value may hold a control character (NUL, tab, newline,
 * escape, DEL, the C1 range). No filter, search or name typed into the portal needs one, and PostgreSQL refuses
 * a NUL in text with an encoding error, so without this rule `?action=a%00` reached the database and answered
 * 500. Now it is an invalid input (400) at the boundary.
 */
import { z } from "zod";

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export const CONTROL_CHARACTER_MESSAGE = "Remove the control characters (such as NUL) from the address.";

export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** Whether any value of a query string (names included) holds a control character. */
export function queryHasControlCharacter(params: Iterable<[string, string]>): boolean {
  for (const [key, value] of params) if (hasControlCharacter(key) || hasControlCharacter(value)) return true;
  return false;
}

/**
 * Wraps a query-parameter object schema: any string value with a control character fails the parse with one
 * issue on that field, before the field's own rules run (some fields fall back to a default with `.catch`, which
 * would otherwise quietly drop the bad value).
 */
export function queryParams<S extends z.ZodType>(schema: S) {
  return z.preprocess((raw, ctx) => {
    if (raw !== null && typeof raw === "object") {
      for (const [key, value] of Object.entries(raw)) {
        if (typeof value === "string" && hasControlCharacter(value)) {
          ctx.issues.push({ code: "custom", message: CONTROL_CHARACTER_MESSAGE, path: [key], input: value });
        }
      }
    }
    return raw;
  }, schema);
}
