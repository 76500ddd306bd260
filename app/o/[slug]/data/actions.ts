"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/form-state";
import { rollbackImportAction, rollbackRevisionAction } from "@/server/actions/imports";
import { runOrgFormAction } from "@/server/org-action";

export async function rollbackRevision(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(rollbackRevisionAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

export async function rollbackImport(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(rollbackImportAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}
