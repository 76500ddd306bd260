import type { ActionResult } from "../org-action";
import { pageText } from "./responses";

const STATUS = { invalid_input: 400, unauthenticated: 401, not_found: 404, forbidden: 404, conflict: 409 } as const;

/**
 * A download's refusal as plain text: what to correct for invalid input (the field's own message, e.g. a control
 * character in the address), otherwise "Not found" (a non-member learns nothing; a role without the permission
 * is answered the same).
 */
export function downloadRefusal(res: Extract<ActionResult<unknown>, { ok: false }>): Response {
  const detail = Object.values(res.fieldErrors ?? {})
    .flat()
    .join(" ");
  return pageText(STATUS[res.error], res.error === "invalid_input" ? detail || res.message : "Not found");
}
