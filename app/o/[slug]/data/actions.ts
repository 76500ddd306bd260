"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/form-state";
import { deleteColumnMappingAction } from "@/server/actions/column-mappings";
import { refreshNowAction } from "@/server/actions/partner-center";
import { rollbackImportAction, rollbackRevisionAction } from "@/server/actions/imports";
import { formSlug, runOrgFormAction } from "@/server/org-action";

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

/** "Refresh now" from Partner Center: a run that the job queue carries out; the page shows its progress. */
export async function refreshNow(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(refreshNowAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/data`);
  return res;
}

export async function deleteColumnMapping(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(deleteColumnMappingAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/data`);
  return res;
}
