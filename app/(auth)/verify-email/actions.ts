"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { FormState } from "@/lib/form-state";
import { resendVerification, verifyEmail } from "@/server/email-verification";
import { requestMeta } from "@/server/request-context";
import { requestMailContext } from "@/server/request-mail";
import { getCurrentUser, homePathFor } from "@/server/session";

/** "Resend": a new link for the signed-in, unverified user (throttled per account). */
export async function resendVerificationAction(): Promise<FormState> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=%2Fverify-email");
  const res = await resendVerification(await getDb(), user, await requestMailContext({ wait: true }));
  if (!res.ok) return { ok: false, values: {}, message: res.message };
  if (!res.data.sent && !user.emailVerifiedAt)
    return {
      ok: false,
      values: {},
      message: "The e-mail could not be sent. Please try again later or ask your administrator.",
    };
  return { ok: true, data: null, values: {} };
}

/** The button on the link's page: verifies once, then on to the organisation (or to sign-in). */
export async function verifyEmailAction(token: string): Promise<FormState> {
  const res = await verifyEmail(await getDb(), token, await requestMeta());
  if (!res.ok) return { ok: false, values: {}, message: res.message };
  const current = await getCurrentUser();
  redirect(current?.id === res.data.user.id ? await homePathFor(current.id) : "/sign-in?verified=1");
}
