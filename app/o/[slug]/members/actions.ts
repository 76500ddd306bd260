"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { changeMemberRoleAction, leaveOrganizationAction, removeMemberAction } from "@/server/actions/members";
import type { FormState } from "@/lib/form-state";
import { formSlug, runOrgFormAction } from "@/server/org-action";
import { getCurrentUser, homePathFor } from "@/server/session";

export async function changeMemberRole(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(changeMemberRoleAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

export async function removeMember(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(removeMemberAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

export async function leaveOrganization(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(leaveOrganizationAction, slug, formData);
  if (!res.ok) return res;
  const user = await getCurrentUser();
  redirect(user ? await homePathFor(user.id) : "/sign-in");
}
