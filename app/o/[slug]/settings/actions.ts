"use server";

import { revalidatePath } from "next/cache";
import { setEnrolmentAction } from "@/server/actions/enrolment";
import { renameOrganizationAction } from "@/server/actions/organization";
import type { FormState } from "@/lib/form-state";
import { formSlug, runOrgFormAction } from "@/server/org-action";

export async function renameOrganization(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(renameOrganizationAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

/** The designation's enrolment date, from which the dashboard shows the renewal date. */
export async function setEnrolment(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(setEnrolmentAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}
