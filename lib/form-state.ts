import type { FieldErrors } from "./auth/schemas";

/**
 * What an organisation action answers (server/org-action.ts), and the state every form keeps. Here rather than in
 * server/ so that components, which import only lib/, can type the forms they render.
 */
export type ActionError = "invalid_input" | "unauthenticated" | "not_found" | "forbidden" | "conflict";

export type ActionResult<R> =
  { ok: true; data: R } | { ok: false; error: ActionError; message: string; fieldErrors?: FieldErrors };

/**
 * The one form state for `useActionState`, for organisation actions and account forms alike: the outcome plus the
 * submitted values (never a password), echoed back so React 19's form reset loses nothing. A failure carries a
 * message for the whole form, messages per field, or both; `error` only when the organisation action wrapper refused.
 */
export type FormState<R = unknown> =
  | (({ ok: true; data: R } | { ok: false; error?: ActionError; message?: string; fieldErrors?: FieldErrors }) & {
      values: Record<string, string>;
    })
  | null;

/** A failed form's messages per field, for each field's `error` (empty when the form has not failed). */
export function fieldErrorsIn(state: FormState): FieldErrors {
  return (state && !state.ok && state.fieldErrors) || {};
}
