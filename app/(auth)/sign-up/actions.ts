"use server";

import { getDb } from "@/db/client";
import { invalidForm, signUpSchema } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/form-state";
import { signUp } from "@/server/accounts";
import { requestMeta } from "@/server/request-context";
import { requestMailContext } from "@/server/request-mail";

const text = (formData: FormData, key: string) => {
  const v = formData.get(key);
  return typeof v === "string" ? v : "";
};

/**
 * Creates the account and mails the verification link. The answer is the same whether or not the address
 * already had an account (its owner is mailed instead), so nobody is signed in here: the link, then sign-in.
 */
export async function signUpAction(
  _prev: FormState<{ sentTo: string }>,
  formData: FormData,
): Promise<FormState<{ sentTo: string }>> {
  const values = {
    name: text(formData, "name"),
    email: text(formData, "email"),
    organizationName: text(formData, "organizationName"),
  };
  const parsed = signUpSchema.safeParse({ ...values, password: text(formData, "password") });
  if (!parsed.success) return invalidForm(values, parsed.error);

  const res = await signUp(await getDb(), parsed.data, await requestMeta(), await requestMailContext());
  if (!res.ok) return { ok: false, values, message: res.message };
  return { ok: true, data: { sentTo: res.data.email }, values: {} };
}
