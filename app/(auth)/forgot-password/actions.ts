"use server";

import { getDb } from "@/db/client";
import { forgotPasswordSchema, invalidForm } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/form-state";
import { requestPasswordReset } from "@/server/password-reset";
import { requestMeta } from "@/server/request-context";
import { requestMailContext } from "@/server/request-mail";

/** The same answer whether or not the address has an account; the e-mail (if any) leaves after the response. */
export async function forgotPasswordAction(
  _prev: FormState<{ sentTo: string }>,
  formData: FormData,
): Promise<FormState<{ sentTo: string }>> {
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = forgotPasswordSchema.safeParse(values);
  if (!parsed.success) return invalidForm(values, parsed.error, "Enter your e-mail address.");
  const res = await requestPasswordReset(
    await getDb(),
    parsed.data.email,
    await requestMeta(),
    await requestMailContext(),
  );
  if (!res.ok) return { ok: false, values, message: res.message };
  return { ok: true, data: { sentTo: res.data.email }, values: {} };
}
