"use server";

import { revalidatePath } from "next/cache";
import { orgActions } from "@/server/actions";
import { runOrgFormAction, type FormState } from "@/server/org-action";

/** Skilling / Customer Success points typed in on the dashboard. */
export async function enterManualScores(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(orgActions["scores.enterManual"], slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}
