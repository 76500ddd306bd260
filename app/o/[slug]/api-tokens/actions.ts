"use server";

import { revalidatePath } from "next/cache";
import { createApiTokenAction, revokeApiTokenAction } from "@/server/actions/api-tokens";
import type { FormState } from "@/lib/form-state";
import { formSlug, runOrgFormAction } from "@/server/org-action";

export async function createApiToken(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(createApiTokenAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/api-tokens`);
  return res;
}

export async function revokeApiToken(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(revokeApiTokenAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/api-tokens`);
  return res;
}
