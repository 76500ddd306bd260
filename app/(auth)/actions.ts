"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { hasConfirmedTwoFactor } from "@/db/queries/two-factor";
import { findUserByEmail } from "@/db/queries/users";
import { safeCallbackPath } from "@/lib/auth/safe-path";
import { invalidForm, signInSchema } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/form-state";
import { ENTRA_PROVIDER_ID, signIn, signOut } from "@/server/auth";
import { rateLimitMessage } from "@/server/credentials";
import { homePathFor } from "@/server/session";

const text = (formData: FormData, key: string) => {
  const v = formData.get(key);
  return typeof v === "string" ? v : "";
};

/** Signs in through Auth.js (which checks the rate limits and the password) and issues the session cookie. */
async function issueSession(email: string, password: string): Promise<string | null> {
  try {
    await signIn("credentials", { email, password, redirect: false });
    return null;
  } catch (err) {
    const e = err as { type?: string; code?: string; retryAfterSeconds?: number };
    if (e?.type !== "CredentialsSignin") throw err;
    if (e.code === "rate_limited") return rateLimitMessage(e.retryAfterSeconds ?? 15 * 60);
    return "The e-mail address or password is not correct.";
  }
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { email: text(formData, "email"), callbackUrl: text(formData, "callbackUrl") };
  const parsed = signInSchema.safeParse({ ...values, password: text(formData, "password") });
  if (!parsed.success) return invalidForm(values, parsed.error, "Enter your e-mail address and password.");

  const problem = await issueSession(parsed.data.email, parsed.data.password);
  if (problem) return { ok: false, values, message: problem };

  const db = await getDb();
  const user = await findUserByEmail(db, parsed.data.email);
  const back = safeCallbackPath(values.callbackUrl, "");
  // The session just issued waits for the authenticator code (server/session-start.ts): ask for it next.
  if (await hasConfirmedTwoFactor(db, user!.id))
    redirect(back ? `/sign-in/two-factor?callbackUrl=${encodeURIComponent(back)}` : "/sign-in/two-factor");
  redirect(back && back !== "/" ? back : await homePathFor(user!.id));
}

export async function signInWithEntraAction(formData: FormData): Promise<void> {
  const back = safeCallbackPath(text(formData, "callbackUrl"), "");
  // After Microsoft sends the user back, /signed-in picks their organisation (or the page they came from).
  await signIn(ENTRA_PROVIDER_ID, {
    redirectTo: back ? `/signed-in?callbackUrl=${encodeURIComponent(back)}` : "/signed-in",
  });
}

/**
 * Clears the session cookie. No redirect here: a redirect would render the next page within this
 * request, whose headers still carry the old cookie, and Auth.js would set it again. The caller
 * navigates with a full page load instead.
 */
export async function signOutAction(): Promise<void> {
  await signOut({ redirect: false });
}
