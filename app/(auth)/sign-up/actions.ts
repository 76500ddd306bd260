"use server";

import type { AuthFormState } from "@/components/auth/form-state";
import { getDb } from "@/db/client";
import { fieldErrorsOf, signUpSchema } from "@/lib/auth/schemas";
import { signUp } from "@/server/accounts";
import { requestMeta } from "@/server/request-context";
import { requestMailContext } from "@/server/request-mail";

const text = (formData: FormData, key: string) => {
  const v = formData.get(key);
  return typeof v === "string" ? v : "";
};

export type SignUpState = (NonNullable<AuthFormState> & { sentTo?: string }) | null;

/**
 * Creates the account and mails the verification link. The answer is the same whether or not the address
 * already had an account (its owner is mailed instead), so nobody is signed in here: the link, then sign-in.
 */
export async function signUpAction(_prev: SignUpState, formData: FormData): Promise<SignUpState> {
  const values = {
    name: text(formData, "name"),
    email: text(formData, "email"),
    organizationName: text(formData, "organizationName"),
  };
  const parsed = signUpSchema.safeParse({ ...values, password: text(formData, "password") });
  if (!parsed.success)
    return { values, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };

  const res = await signUp(await getDb(), parsed.data, await requestMeta(), await requestMailContext());
  if (!res.ok) return { values, message: res.message };
  return { values: {}, sentTo: res.data.email };
}
