"use server";

import { revalidatePath } from "next/cache";
import { changeRulesAction } from "@/server/actions/rules";
import type { FormState } from "@/lib/form-state";
import { formSlug, runOrgFormAction } from "@/server/org-action";

export async function changeRules(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(changeRulesAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}
