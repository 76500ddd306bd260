"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { invalidForm, orgNameSchema } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/form-state";
import { createOrganizationFor } from "@/server/accounts";
import { requestMeta } from "@/server/request-context";
import { getCurrentUser, VERIFY_EMAIL_PATH } from "@/server/session";

/** A further organisation, with the signed-in user as its admin. */
export async function createOrganizationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { name: String(formData.get("name") ?? "") };
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=%2Forgs%2Fnew");
  if (!user.emailVerifiedAt) redirect(VERIFY_EMAIL_PATH);
  const parsed = z.object({ name: orgNameSchema }).safeParse(values);
  if (!parsed.success) return invalidForm(values, parsed.error);
  const org = await createOrganizationFor(await getDb(), user, parsed.data.name, await requestMeta());
  redirect(`/o/${org.slug}`);
}
