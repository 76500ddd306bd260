"use server";

import { revalidatePath } from "next/cache";
import { setRefreshEmailAction } from "@/server/actions/notifications";
import type { FormState } from "@/lib/form-state";
import { formSlug, runOrgFormAction } from "@/server/org-action";

/** The person's own after-refresh e-mail choice for the organisation the form names (checked like any input). */
export async function setRefreshEmail(_prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(setRefreshEmailAction, formSlug(formData), formData);
  if (res.ok) revalidatePath("/account/notifications");
  return res;
}
