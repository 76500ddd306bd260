"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { passwordProblem } from "@/lib/auth/password-policy";
import { displayNameSchema, invalidForm } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/form-state";
import { signIn } from "@/server/auth";
import { acceptInvitation, signUpWithInvitation } from "@/server/invitations";
import { requestMeta } from "@/server/request-context";
import { getCurrentUser } from "@/server/session";

/** The invitation's token, from the form's hidden field (not a client-side `.bind`: see server/org-action.ts formSlug). */
function formToken(formData: FormData): string {
  const token = formData.get("token");
  return typeof token === "string" ? token : "";
}

export async function acceptInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const token = formToken(formData);
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`);
  const res = await acceptInvitation(await getDb(), token, user, await requestMeta());
  if (!res.ok) return { ok: false, values: {}, message: res.message };
  redirect(`/o/${res.data.org.slug}`);
}

const newAccountSchema = z
  .object({ name: displayNameSchema, password: z.string().max(1024), email: z.string() })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, { email: v.email });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

/** Creates the account for the invited address and joins, then signs the new user in. */
export async function signUpWithInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const token = formToken(formData);
  // Only for the password rule "not your e-mail address"; the account gets the invitation's own address.
  const email = String(formData.get("email") ?? "");
  const values = { name: String(formData.get("name") ?? "") };
  const password = String(formData.get("password") ?? "");
  const parsed = newAccountSchema.safeParse({ ...values, password, email });
  if (!parsed.success) return invalidForm(values, parsed.error);
  const res = await signUpWithInvitation(
    await getDb(),
    token,
    { name: parsed.data.name, password },
    await requestMeta(),
  );
  if (!res.ok) return { ok: false, values, message: res.message };
  await signIn("credentials", { email: res.data.user.email, password, redirect: false });
  redirect(`/o/${res.data.org.slug}`);
}
