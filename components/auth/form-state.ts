import type { FieldErrors } from "@/lib/auth/schemas";

/** State returned by the account forms' server actions: the outcome plus the submitted values (never passwords). */
export type AuthFormState = {
  message?: string;
  fieldErrors?: FieldErrors;
  values: Record<string, string>;
} | null;
