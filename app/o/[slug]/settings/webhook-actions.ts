"use server";

import { revalidatePath } from "next/cache";
import { deleteWebhookAction, saveWebhookAction, testWebhookAction } from "@/server/actions/notifications";
import type { FormState } from "@/lib/form-state";
import { formSlug, runOrgFormAction } from "@/server/org-action";

export async function saveWebhook(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(saveWebhookAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/settings`);
  return res;
}

export async function deleteWebhook(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(deleteWebhookAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/settings`);
  return res;
}

export async function testWebhook(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(testWebhookAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/settings`);
  return res;
}
