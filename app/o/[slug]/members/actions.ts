"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { orgActions } from "@/server/actions";
import type { FormState } from "@/lib/form-state";
import { formSlug, runOrgFormAction } from "@/server/org-action";
import { getCurrentUser, homePathFor } from "@/server/session";

export async function changeMemberRole(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(orgActions["members.changeRole"], slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

export async function removeMember(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(orgActions["members.remove"], slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

export async function leaveOrganization(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(orgActions["membership.leave"], slug, formData);
  if (!res.ok) return res;
  const user = await getCurrentUser();
  redirect(user ? await homePathFor(user.id) : "/sign-in");
}
