"use server";

import { redirect } from "next/navigation";
import type { AuthFormState } from "@/components/auth/form-state";
import { getDb } from "@/db/client";
import { fieldErrorsOf, resetPasswordSchema } from "@/lib/auth/schemas";
import { resetPassword } from "@/server/password-reset";
import { requestMeta } from "@/server/request-context";

/** Sets the new password through the link; every session of the account ends, so the person signs in afresh. */
export async function resetPasswordAction(
  token: string,
  _prev: AuthFormState,
  formData: FormData,
): Promise<AuthFormState> {
  const parsed = resetPasswordSchema.safeParse({
    newPassword: String(formData.get("newPassword") ?? ""),
    confirmPassword: String(formData.get("confirmPassword") ?? ""),
  });
  if (!parsed.success)
    return { values: {}, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  const res = await resetPassword(await getDb(), token, parsed.data, await requestMeta());
  if (!res.ok) return { values: {}, message: res.message, fieldErrors: res.fieldErrors };
  redirect("/sign-in?reset=1");
}
