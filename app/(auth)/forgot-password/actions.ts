"use server";

import type { AuthFormState } from "@/components/auth/form-state";
import { getDb } from "@/db/client";
import { fieldErrorsOf, forgotPasswordSchema } from "@/lib/auth/schemas";
import { requestPasswordReset } from "@/server/password-reset";
import { requestMeta } from "@/server/request-context";
import { requestMailContext } from "@/server/request-mail";

export type ForgotPasswordState = (NonNullable<AuthFormState> & { sentTo?: string }) | null;

/** The same answer whether or not the address has an account; the e-mail (if any) leaves after the response. */
export async function forgotPasswordAction(
  _prev: ForgotPasswordState,
  formData: FormData,
): Promise<ForgotPasswordState> {
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = forgotPasswordSchema.safeParse(values);
  if (!parsed.success)
    return { values, message: "Enter your e-mail address.", fieldErrors: fieldErrorsOf(parsed.error) };
  const res = await requestPasswordReset(
    await getDb(),
    parsed.data.email,
    await requestMeta(),
    await requestMailContext(),
  );
  if (!res.ok) return { values, message: res.message };
  return { values: {}, sentTo: res.data.email };
}
