"use server";

import { redirect } from "next/navigation";
import type { AuthFormState } from "@/components/auth/form-state";
import { getDb } from "@/db/client";
import { resendVerification, verifyEmail } from "@/server/email-verification";
import { requestMeta } from "@/server/request-context";
import { requestMailContext } from "@/server/request-mail";
import { getCurrentUser, homePathFor } from "@/server/session";

export type ResendState = (NonNullable<AuthFormState> & { sent?: boolean }) | null;

/** "Resend": a new link for the signed-in, unverified user (throttled per account). */
export async function resendVerificationAction(): Promise<ResendState> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=%2Fverify-email");
  const res = await resendVerification(await getDb(), user, await requestMailContext({ wait: true }));
  if (!res.ok) return { values: {}, message: res.message };
  if (!res.data.sent && !user.emailVerifiedAt)
    return { values: {}, message: "The e-mail could not be sent. Please try again later or ask your administrator." };
  return { values: {}, sent: true };
}

/** The button on the link's page: verifies once, then on to the organisation (or to sign-in). */
export async function verifyEmailAction(token: string): Promise<AuthFormState> {
  const res = await verifyEmail(await getDb(), token, await requestMeta());
  if (!res.ok) return { values: {}, message: res.message };
  const current = await getCurrentUser();
  redirect(current?.id === res.data.user.id ? await homePathFor(current.id) : "/sign-in?verified=1");
}
