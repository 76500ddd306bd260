"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { FormState } from "@/lib/form-state";
import { isSlug } from "@/lib/slug";
import { rateLimitMessage } from "@/server/credentials";
import { requestMeta } from "@/server/request-context";
import { getCurrentSession } from "@/server/session";
import {
  confirmEnrolment,
  disableTwoFactor,
  markSessionSecondFactor,
  proveSecondFactor,
  regenerateRecoveryCodes,
  startEnrolment,
} from "@/server/two-factor";

/** What the two-factor forms get back on success: the recovery codes when new ones were made (shown once). */
export type TwoFactorResult = { recoveryCodes: string[] };

const codeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{6,40}$/),
  required: z.string().max(100).default(""),
});

function parse(formData: FormData) {
  return codeInput.safeParse({ code: formData.get("code") ?? "", required: formData.get("required") ?? "" });
}

const CODE_MESSAGE = "Enter the 6-digit code your app shows now (or a recovery code).";

async function signedIn() {
  const current = await getCurrentSession();
  if (!current) redirect("/sign-in?callbackUrl=%2Faccount%2Ftwo-factor");
  return current;
}

function backTo(required: string): string {
  return isSlug(required) ? `/account/two-factor?required=${encodeURIComponent(required)}` : "/account/two-factor";
}

export async function startSetupAction(formData: FormData): Promise<void> {
  const { user } = await signedIn();
  if (user.passwordHash) await startEnrolment(await getDb(), user);
  redirect(backTo(String(formData.get("required") ?? "")));
}

export async function confirmSetupAction(
  _prev: FormState<TwoFactorResult>,
  formData: FormData,
): Promise<FormState<TwoFactorResult>> {
  const { user, session } = await signedIn();
  const parsed = parse(formData);
  if (!parsed.success) return { ok: false, message: CODE_MESSAGE, values: {} };
  const result = await confirmEnrolment(await getDb(), {
    user,
    code: parsed.data.code,
    ip: (await requestMeta()).ip ?? "unknown",
    sessionId: session.id,
  });
  return result.ok
    ? { ok: true, data: { recoveryCodes: result.recoveryCodes }, values: {} }
    : { ok: false, message: result.message, values: {} };
}

async function prove(formData: FormData) {
  const { user, session } = await signedIn();
  const parsed = parse(formData);
  if (!parsed.success) return { ok: false as const, message: CODE_MESSAGE };
  const result = await proveSecondFactor(await getDb(), {
    user,
    code: parsed.data.code,
    ip: (await requestMeta()).ip ?? "unknown",
  });
  if (!result.ok)
    return {
      ok: false as const,
      message: result.reason === "rate_limited" ? rateLimitMessage(result.retryAfterSeconds) : CODE_MESSAGE,
    };
  return { ok: true as const, user, session, required: parsed.data.required };
}

export async function newRecoveryCodesAction(
  _prev: FormState<TwoFactorResult>,
  formData: FormData,
): Promise<FormState<TwoFactorResult>> {
  const proved = await prove(formData);
  if (!proved.ok) return { ok: false, message: proved.message, values: {} };
  return { ok: true, data: { recoveryCodes: await regenerateRecoveryCodes(await getDb(), proved.user) }, values: {} };
}

export async function disableAction(
  _prev: FormState<TwoFactorResult>,
  formData: FormData,
): Promise<FormState<TwoFactorResult>> {
  const proved = await prove(formData);
  if (!proved.ok) return { ok: false, message: proved.message, values: {} };
  await disableTwoFactor(await getDb(), proved.user);
  redirect("/account/two-factor?off=1");
}

/** A session from before enrolling elsewhere shows the code once, then counts as two-factor for the organisation. */
export async function confirmThisSessionAction(
  _prev: FormState<TwoFactorResult>,
  formData: FormData,
): Promise<FormState<TwoFactorResult>> {
  const proved = await prove(formData);
  if (!proved.ok) return { ok: false, message: proved.message, values: {} };
  await markSessionSecondFactor(await getDb(), proved.session.id);
  redirect(isSlug(proved.required) ? `/o/${proved.required}` : "/account/two-factor");
}
