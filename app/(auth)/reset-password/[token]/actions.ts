"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { invalidForm, resetPasswordSchema } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/form-state";
import { resetPassword } from "@/server/password-reset";
import { requestMeta } from "@/server/request-context";

/** Sets the new password through the link; every session of the account ends, so the person signs in afresh. */
export async function resetPasswordAction(token: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = resetPasswordSchema.safeParse({
    newPassword: String(formData.get("newPassword") ?? ""),
    confirmPassword: String(formData.get("confirmPassword") ?? ""),
  });
  if (!parsed.success) return invalidForm({}, parsed.error);
  const res = await resetPassword(await getDb(), token, parsed.data, await requestMeta());
  if (!res.ok) return { ok: false, values: {}, message: res.message, fieldErrors: res.fieldErrors };
  redirect("/sign-in?reset=1");
}
