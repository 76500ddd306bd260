"use server";

import { revalidatePath } from "next/cache";
import { orgActions } from "@/server/actions";
import { runOrgFormAction, type FormState } from "@/server/org-action";

export async function rollbackImport(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(orgActions["imports.rollback"], slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

export async function deleteColumnMapping(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(orgActions["columnMappings.delete"], slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/data`);
  return res;
}
