"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/form-state";
import { decideImportAction } from "@/server/actions/imports";
import { runOrgFormAction } from "@/server/org-action";

export async function decideImport(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(decideImportAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/imports`, "layout");
  return res;
}
