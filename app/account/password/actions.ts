"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { changePasswordSchema, invalidForm } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/form-state";
import { changePassword } from "@/server/accounts";
import { signIn } from "@/server/auth";
import { requestMeta } from "@/server/request-context";
import { getCurrentUser } from "@/server/session";

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = {};
  const user = await getCurrentUser();
  if (!user) return { ok: false, values, message: "Your session has ended. Please sign in again." };
  if (!user.passwordHash)
    return { ok: false, values, message: "This account signs in with Microsoft and has no password here." };
  const raw = Object.fromEntries(
    ["currentPassword", "newPassword", "confirmPassword"].map((k) => [k, String(formData.get(k) ?? "")]),
  );
  const parsed = changePasswordSchema.safeParse(raw);
  if (!parsed.success) return invalidForm(values, parsed.error);

  const res = await changePassword(await getDb(), user, parsed.data, await requestMeta());
  if (!res.ok) return { ok: false, values, message: res.message, fieldErrors: res.fieldErrors };
  // Every older session (this browser's included) is now void; issue this browser a fresh one, then
  // redirect: the redirect's render sees the new cookie, a plain re-render would still see the old one.
  await signIn("credentials", { email: user.email, password: parsed.data.newPassword, redirect: false });
  redirect("/account/password?changed=1");
}
