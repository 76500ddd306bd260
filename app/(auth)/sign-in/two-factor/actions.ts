"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { safeCallbackPath } from "@/lib/auth/safe-path";
import type { FormState } from "@/lib/form-state";
import { rateLimitMessage } from "@/server/credentials";
import { requestMeta } from "@/server/request-context";
import { getSessionAwaitingSecondFactor, homePathFor } from "@/server/session";
import { completeSignInWithCode } from "@/server/two-factor";

const input = z.object({
  code: z
    .string()
    .trim()
    .min(6, "Enter the 6-digit code or a recovery code.")
    .max(40, "Enter the 6-digit code or a recovery code.")
    .regex(/^[A-Za-z0-9 -]+$/, "Enter the 6-digit code or a recovery code."),
  callbackUrl: z.string().max(2048).default(""),
});

export async function secondFactorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { callbackUrl: String(formData.get("callbackUrl") ?? "") };
  const parsed = input.safeParse({ code: formData.get("code") ?? "", callbackUrl: values.callbackUrl });
  if (!parsed.success)
    return {
      ok: false,
      values,
      message: "Enter the 6-digit code or a recovery code.",
      fieldErrors: { code: ["Required."] },
    };

  const pending = await getSessionAwaitingSecondFactor();
  if (!pending) return { ok: false, values, message: "Your sign-in has timed out. Please sign in again." };
  const db = await getDb();
  const result = await completeSignInWithCode(db, {
    user: pending.user,
    session: pending.session,
    code: parsed.data.code,
    ip: (await requestMeta()).ip ?? "unknown",
  });
  if (!result.ok)
    return {
      ok: false,
      values,
      message:
        result.reason === "rate_limited"
          ? rateLimitMessage(result.retryAfterSeconds)
          : "That code is not right. Enter the code your app shows now, or an unused recovery code.",
    };
  const back = safeCallbackPath(parsed.data.callbackUrl, "");
  redirect(back && back !== "/" ? back : await homePathFor(pending.user.id));
}
