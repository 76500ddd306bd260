"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/form-state";
import { cancelMappingAction, mapImportColumnsAction } from "@/server/actions/column-mappings";
import { decideImportAction } from "@/server/actions/imports";
import { runOrgFormAction } from "@/server/org-action";

export async function decideImport(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(decideImportAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/imports`, "layout");
  return res;
}

export async function mapImportColumns(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(mapImportColumnsAction, slug, formData);
  if (res.ok && (res.data as { ok: boolean }).ok) revalidatePath(`/o/${slug}/imports`, "layout");
  return res;
}

export async function cancelMapping(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(cancelMappingAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/imports`, "layout");
  return res;
}
