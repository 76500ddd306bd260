"use server";

import { revalidatePath } from "next/cache";
import { orgActions } from "@/server/actions";
import type { FormState } from "@/lib/form-state";
import { runOrgFormAction } from "@/server/org-action";

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
