import type { FieldErrors } from "./auth/schemas";

/**
 * What an organisation action answers (server/org-action.ts), and the state its forms keep. Here rather than in
 * server/ so that components, which import only lib/, can type the forms they render.
 */
export type ActionError = "invalid_input" | "unauthenticated" | "not_found" | "forbidden" | "conflict";

export type ActionResult<R> =
  { ok: true; data: R } | { ok: false; error: ActionError; message: string; fieldErrors?: FieldErrors };

/** Form state for `useActionState`: the result plus the submitted values, echoed back so React 19's form reset loses nothing. */
export type FormState<R = unknown> = (ActionResult<R> & { values: Record<string, string> }) | null;
