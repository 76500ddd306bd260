"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { RATE_LIMITS } from "@/lib/auth/rate-limits";
import { enteredPasswordSchema } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/form-state";
import { serverEnv } from "@/lib/env";
import { ENTRA_PROVIDER_ID, signIn } from "@/server/auth";
import { LINK_TTL_MS, startLink, unlinkIdentity } from "@/server/external-identities";
import { LINK_COOKIE } from "@/server/external-sign-in";
import { verifyPassword } from "@/server/passwords";
import { hitRateLimit } from "@/server/rate-limit";
import { requestMeta } from "@/server/request-context";
import { getCurrentUser } from "@/server/session";

/**
 * Links a Microsoft account to the signed-in account. The password is asked again first (a borrowed session
 * must not be able to add a lasting way in); then a single-use link token rides in an httpOnly cookie of this
 * browser through Microsoft's sign-in, and the callback links whatever identity comes back to this account.
 */
export async function linkMicrosoftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, values: {}, message: "Your session has ended. Please sign in again." };
  if (user.passwordHash) {
    const parsed = enteredPasswordSchema.safeParse(formData.get("password"));
    if (!parsed.success) return { ok: false, values: {}, fieldErrors: { password: ["Enter your password."] } };
    const limit = await hitRateLimit(await getDb(), RATE_LIMITS.reauthenticatePerUser, user.id);
    if (!limit.allowed)
      return { ok: false, values: {}, message: "Too many attempts. Please try again in a few minutes." };
    if (!(await verifyPassword(user.passwordHash, parsed.data))) {
      return { ok: false, values: {}, fieldErrors: { password: ["That is not your password."] } };
    }
  }
  const started = await startLink(await getDb(), user);
  if (!started.ok) return { ok: false, values: {}, message: started.message };
  (await cookies()).set(LINK_COOKIE, started.data.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: serverEnv().NODE_ENV === "production",
    path: "/api/auth",
    maxAge: Math.floor(LINK_TTL_MS / 1000),
  });
  await signIn(ENTRA_PROVIDER_ID, { redirectTo: "/account/sign-in-methods?linked=1" });
  return null;
}

const unlinkSchema = z.object({ identityId: z.uuid() });

export async function unlinkMicrosoftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, values: {}, message: "Your session has ended. Please sign in again." };
  const parsed = unlinkSchema.safeParse({ identityId: formData.get("identityId") });
  if (!parsed.success) return { ok: false, values: {}, message: "Choose a linked sign-in." };
  const res = await unlinkIdentity(await getDb(), user, parsed.data.identityId, await requestMeta());
  if (!res.ok) return { ok: false, values: {}, message: res.message };
  revalidatePath("/account/sign-in-methods");
  redirect("/account/sign-in-methods?unlinked=1");
}
