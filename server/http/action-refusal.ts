import type { ActionError, ActionResult } from "@/lib/form-state";
import { pageText } from "./responses";

/**
 * THE mapping from an action's refusal to HTTP, used by every route handler (tests/unit/route-handler-guards.test.ts
 * checks that none maps statuses itself). It agrees with the pages: a non-member, and anyone asking for something
 * the organisation does not have, gets 404 (the wrapper answers `not_found` for a non-member before any permission
 * is looked at, so nobody learns that an organisation exists); a *member* whose role lacks the permission (or who has
 * not met the organisation's two-factor rule) gets 403, as `forbidden()` gives them on a page.
 */
export const REFUSAL_STATUS: Record<ActionError, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

type Refusal = Extract<ActionResult<unknown>, { ok: false }>;

/** What to tell the caller: for invalid input the fields' own messages (e.g. a control character in the address). */
export function refusalMessage(res: Refusal): string {
  const detail = Object.values(res.fieldErrors ?? {})
    .flat()
    .join(" ");
  return res.error === "invalid_input" ? detail || res.message : res.message;
}

/**
 * A refusal as a response no cache keeps: plain text (downloads, opened by a person), or `{ error }` JSON with the
 * given headers (the upload protocol, whose page shows the message as it is). Never a redirect: a request without
 * a session gets 401.
 */
export function actionRefusal(res: Refusal, options: { json?: boolean; headers?: Headers } = {}): Response {
  const status = REFUSAL_STATUS[res.error];
  if (!options.json) return pageText(status, refusalMessage(res));
  const headers = new Headers(options.headers);
  headers.set("Content-Type", "application/json");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify({ error: refusalMessage(res) }), { status, headers });
}
