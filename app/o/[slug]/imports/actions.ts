"use server";

import { revalidatePath } from "next/cache";
import { orgActions } from "@/server/actions";
import { runOrgFormAction, type FormState } from "@/server/org-action";

export async function decideImport(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(orgActions["imports.decide"], slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/imports`, "layout");
  return res;
}

export async function rollbackRevision(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(orgActions["data.rollback"], slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

export async function mapImportColumns(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(orgActions["imports.map"], slug, formData);
  if (res.ok && (res.data as { ok: boolean }).ok) revalidatePath(`/o/${slug}/imports`, "layout");
  return res;
}

export async function cancelMapping(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(orgActions["imports.cancelMapping"], slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/imports`, "layout");
  return res;
}
